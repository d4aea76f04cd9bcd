package dev.switchboard.viewmodel.chat;

import dev.switchboard.api.ModelInfo;
import dev.switchboard.api.Provider;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.NotFoundException;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Who is calling and what may be called: the kept tokens (live: a token kept on the Access keys page shows
 * at once), a token pasted for this session, and {@code /v1/models} for the picked key, grouped by provider
 * and searchable. Remembers the last key and model per gateway.
 */
final class ChatCaller {
    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final KeptTokens keptTokens;
    private final ChatMemory memory;
    private final Executor ui;
    private final Consumer<String> status;
    private final StringProperty model;
    private final Map<String, String> providerBaseUrls = new ConcurrentHashMap<>();
    private final ObservableList<KeyChoice> keys = FXCollections.observableArrayList();
    private final ObjectProperty<KeyChoice> key = new SimpleObjectProperty<>(this, "key");
    private final StringProperty pastedToken = new SimpleStringProperty(this, "pastedToken", "");
    private final ObservableList<ModelInfo> models = FXCollections.observableArrayList();
    private final ObservableList<ModelEntry> modelEntries = FXCollections.observableArrayList();
    private final StringProperty modelFilter = new SimpleStringProperty(this, "modelFilter", "");
    private final ReadOnlyBooleanWrapper loadingModels = new ReadOnlyBooleanWrapper(this, "loadingModels");
    private volatile String gateway;
    private volatile ChatMemory.LastUsed remembered;
    private volatile Set<String> elsewhere = Set.of();

    ChatCaller(Supplier<GatewayClient> client, BackgroundTasks tasks, KeptTokens keptTokens, ChatMemory memory,
               Executor ui, StringProperty model, Consumer<String> status) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.keptTokens = Objects.requireNonNull(keptTokens);
        this.memory = Objects.requireNonNull(memory);
        this.ui = ui;
        this.model = model;
        this.status = status;
        key.addListener((o, a, k) -> loadModels());
        modelFilter.addListener((o, a, b) -> regroup());
        models.addListener((javafx.collections.ListChangeListener<ModelInfo>) c -> regroup());
        keptTokens.addListener(kept -> ui.execute(() -> showKept(kept)));
    }

    /** Reloads the kept tokens and what this gateway remembers (then the models of the picked key). */
    void refresh() {
        tasks.run(() -> {
            String g = gatewayId();
            gateway = g;
            remembered = g == null ? null : memory.lastUsed(g).orElse(null);
            List<KeptTokens.KeptToken> all = keptTokens.all();
            elsewhere = notOnThisGateway(all);
            return all;
        }, this::showKept, e -> status.accept("Cannot read the kept tokens: " + e.getMessage()));
    }

    /**
     * The kept tokens whose access key this gateway does not have (they were kept on another gateway): the one store
     * holds every gateway's tokens. A key the gateway cannot be asked about stays listed.
     */
    private Set<String> notOnThisGateway(List<KeptTokens.KeptToken> kept) {
        Set<String> ids = new HashSet<>();
        for (KeptTokens.KeptToken t : kept) {
            try {
                client.get().accessKeys().get(t.accessKeyId());
            } catch (NotFoundException gone) {
                ids.add(t.accessKeyId());
            } catch (RuntimeException unknown) {
                // not connected, or the gateway did not answer: listed, as before
            }
        }
        return ids;
    }

    private String gatewayId() {
        try {
            return client.get().dataPlaneUrl().toString();
        } catch (RuntimeException notConnected) {
            return null;
        }
    }

    private void showKept(List<KeptTokens.KeptToken> kept) {
        KeyChoice before = key.get();
        List<KeyChoice> choices = new ArrayList<>();
        kept.stream().filter(t -> !elsewhere.contains(t.accessKeyId())).forEach(t -> choices.add(new KeyChoice(t.accessKeyId(), t.name() + " (" + t.accessKeyId() + ")", t.token(), false)));
        keys.stream().filter(KeyChoice::sessionOnly).forEach(choices::add);
        keys.setAll(choices);
        KeyChoice again = before == null ? null : find(choices, before.accessKeyId(), before.sessionOnly());
        ChatMemory.LastUsed last = remembered;
        KeyChoice preferred = again != null ? again
                : last != null && find(choices, last.accessKeyId(), false) != null ? find(choices, last.accessKeyId(), false)
                : choices.isEmpty() ? null : choices.get(0);
        if (preferred != null && preferred.equals(before)) {
            loadModels();
        } else {
            key.set(preferred);
        }
        if (choices.isEmpty()) {
            status.accept("No kept access-key token for this gateway: keep one when creating a key in Access keys, or paste a token.");
        }
    }

    private static KeyChoice find(List<KeyChoice> choices, String accessKeyId, boolean sessionOnly) {
        return choices.stream().filter(c -> Objects.equals(c.accessKeyId(), accessKeyId) && c.sessionOnly() == sessionOnly)
                .findFirst().orElse(null);
    }

    /**
     * After a switch to another gateway: a pasted token and the old gateway's models mean nothing there, so the
     * next {@link #refresh()} picks the key and model that gateway remembers.
     */
    void forgetGateway() {
        keys.removeIf(KeyChoice::sessionOnly);
        pastedToken.set("");
        providerBaseUrls.clear();
        remembered = null;
        elsewhere = Set.of();
        key.set(null);
        models.clear();
        model.set("");
    }

    /** Uses the pasted token for this session only (it is never written anywhere). */
    void usePastedToken() {
        String token = pastedToken.get() == null ? "" : pastedToken.get().strip();
        if (token.isEmpty()) {
            status.accept("Paste an access-key token first.");
            return;
        }
        keys.removeIf(KeyChoice::sessionOnly);
        KeyChoice pasted = KeyChoice.pasted(token);
        keys.add(pasted);
        key.set(pasted);
        pastedToken.set("");
    }

    /** Loads {@code /v1/models} for the picked key. */
    void loadModels() {
        KeyChoice k = key.get();
        if (k == null) {
            models.clear();
            return;
        }
        loadingModels.set(true);
        tasks.run(() -> {
            GatewayClient c = client.get();
            List<ModelInfo> list = c.listModels(k.token());
            try {
                for (Provider p : c.providers().list()) {
                    providerBaseUrls.put(p.providerId(), p.baseUrl());
                }
            } catch (RuntimeException noControlPlane) {
                // base URLs only enrich error messages
            }
            return list;
        }, list -> {
            loadingModels.set(false);
            if (k.equals(key.get())) {
                models.setAll(list);
                status.accept(list.isEmpty() ? "This key may not call any model." : list.size() + (list.size() == 1 ? " model for " : " models for ") + k.label());
                pickModel(k, list);
            }
        }, e -> {
            loadingModels.set(false);
            models.clear();
            status.accept("Cannot list the models: " + ChatErrors.describe(e, null, null).replace('\n', ' '));
        });
    }

    private void pickModel(KeyChoice k, List<ModelInfo> list) {
        String current = model.get() == null ? "" : model.get().strip();
        ChatMemory.LastUsed last = remembered;
        if (current.isEmpty() && last != null && Objects.equals(last.accessKeyId(), k.accessKeyId()) && last.model() != null) {
            model.set(last.model());
        } else if (current.isEmpty() && !list.isEmpty()) {
            model.set(list.get(0).id());
        }
    }

    /** Remembers the key and model just used, for the next start against this gateway. */
    void remember(KeyChoice k, String usedModel) {
        String g = gateway;
        if (g == null || k == null || k.sessionOnly()) {
            return;
        }
        ChatMemory.LastUsed used = new ChatMemory.LastUsed(k.accessKeyId(), usedModel);
        remembered = used;
        tasks.run(() -> {
            memory.remember(g, used);
            return null;
        }, v -> { }, e -> { });
    }

    String baseUrlOf(String providerId) {
        return providerId == null ? null : providerBaseUrls.get(providerId);
    }

    private void regroup() {
        String f = modelFilter.get() == null ? "" : modelFilter.get().strip().toLowerCase(Locale.ROOT);
        Map<String, List<String>> byProvider = new TreeMap<>();
        for (ModelInfo m : models) {
            if (f.isEmpty() || m.id().toLowerCase(Locale.ROOT).contains(f)) {
                ModelEntry e = ModelEntry.model(m.id());
                byProvider.computeIfAbsent(e.provider(), p -> new ArrayList<>()).add(m.id());
            }
        }
        List<ModelEntry> out = new ArrayList<>();
        byProvider.forEach((p, ids) -> {
            out.add(ModelEntry.heading(p));
            ids.stream().sorted(Comparator.naturalOrder()).map(ModelEntry::model).forEach(out::add);
        });
        modelEntries.setAll(out);
    }

    ObservableList<KeyChoice> keys() {
        return keys;
    }

    ObjectProperty<KeyChoice> keyProperty() {
        return key;
    }

    StringProperty pastedTokenProperty() {
        return pastedToken;
    }

    ObservableList<ModelInfo> models() {
        return models;
    }

    ObservableList<ModelEntry> modelEntries() {
        return modelEntries;
    }

    StringProperty modelFilterProperty() {
        return modelFilter;
    }

    ReadOnlyBooleanProperty loadingModelsProperty() {
        return loadingModels.getReadOnlyProperty();
    }
}
