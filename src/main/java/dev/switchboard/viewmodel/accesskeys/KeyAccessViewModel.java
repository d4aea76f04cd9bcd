package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyUpdate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.DialogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Access seen from a key: what the selected key can call, in words, and "Edit access…", which opens the
 * allowlist editor on that key's own configuration. A key with no configuration first gets one named after
 * it (allowing nothing until the user ticks something); a shared configuration is edited for every key
 * that shares it, or copied for this key alone, as the user chooses.
 */
public final class KeyAccessViewModel {
    /** An allowlist that allows nothing: what a new configuration starts from. */
    public static final Access NOTHING = new Access(new AllowList(List.of()), new AllowList(List.of()));

    private final AccessKeysViewModel page;
    private final DialogService dialogs;
    private final ObjectProperty<AccessKeyRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<KeyAccessInWords> inWords = new ReadOnlyObjectWrapper<>(this, "inWords",
            KeyAccessInWords.NONE);
    private final ReadOnlyIntegerWrapper editorOpened = new ReadOnlyIntegerWrapper(this, "editorOpened");

    KeyAccessViewModel(AccessKeysViewModel page, DialogService dialogs) {
        this.page = page;
        this.dialogs = dialogs;
        selected.addListener((o, a, b) -> describe());
        page.snapshotProperty().addListener((o, a, b) -> describe());
    }

    private void describe() {
        AccessKeyRow row = selected.get();
        AccessKeysSnapshot s = page.snapshotProperty().get();
        AccessKey fresh = row == null ? null
                : s.keys().stream().filter(k -> k.id().equals(row.key().id())).findFirst().orElse(row.key());
        inWords.set(KeyAccessInWords.of(fresh, s));
    }

    /** The key whose access is shown beside the list. */
    public ObjectProperty<AccessKeyRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<KeyAccessInWords> inWordsProperty() {
        return inWords.getReadOnlyProperty();
    }

    /** Goes up each time Edit access opened a configuration in the editor (the page then shows the editor). */
    public ReadOnlyIntegerProperty editorOpenedProperty() {
        return editorOpened.getReadOnlyProperty();
    }

    /** Opens the allowlist editor for {@code row}'s key; completes with the configuration opened, or null. */
    public CompletableFuture<AccessKeyConfiguration> editAccess(AccessKeyRow row) {
        if (row == null || !page.confirmDiscard()) {
            return CompletableFuture.completedFuture(null);
        }
        AccessKeysSnapshot s = page.snapshotProperty().get();
        AccessKey key = s.keys().stream().filter(k -> k.id().equals(row.key().id())).findFirst().orElse(row.key());
        AccessKeyConfiguration config = key.accessKeyConfiguration() == null ? null
                : s.configurations().stream().filter(c -> c.id().equals(key.accessKeyConfiguration().id())).findFirst()
                .orElse(null);
        if (config == null) {
            return ownConfiguration(key, "Creating a configuration for '" + key.name() + "'…", NOTHING, null, s);
        }
        List<AccessKey> others = s.keysUsing(config.id()).stream().filter(k -> !k.id().equals(key.id())).toList();
        if (others.isEmpty()) {
            return open(config.id());
        }
        int choice = dialogs.choose("'" + config.name() + "' is shared",
                "'" + key.name() + "' uses the configuration '" + config.name() + "', which "
                        + KeyAccessInWords.names(others) + (others.size() == 1 ? " uses" : " use") + " too. "
                        + "A change to it changes what all of them can call.",
                List.of("Edit it for all " + (others.size() + 1) + " keys", "Copy it for '" + key.name() + "' alone"));
        if (choice == 0) {
            return open(config.id());
        }
        if (choice == 1) {
            return ownConfiguration(key, "Copying '" + config.name() + "' for '" + key.name() + "'…", config.access(),
                    config.router(), s);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Creates a configuration named after the key, gives it to the key, and opens it in the editor. */
    private CompletableFuture<AccessKeyConfiguration> ownConfiguration(AccessKey key, String doing, Access access,
                                                                       Router router, AccessKeysSnapshot s) {
        String name = uniqueName(key.name(), s);
        var body = new AccessKeyConfigurationCreate(name, access, router, "What the key '" + key.name() + "' may call", null);
        CompletableFuture<AccessKeyConfiguration> done = new CompletableFuture<>();
        page.work(doing, () -> {
            GatewayClient c = page.client();
            AccessKeyConfiguration created = c.accessKeyConfigurations().create(body);
            c.accessKeys().update(key.id(), AccessKeyUpdate.builder().accessKeyConfigurationId(created.id()).build());
            return created;
        }, created -> open(created.id()).thenAccept(done::complete), "Could not give '" + key.name() + "' its own configuration")
                .thenAccept(created -> {
                    if (created == null) {
                        done.complete(null);
                    }
                });
        return done;
    }

    private CompletableFuture<AccessKeyConfiguration> open(String configurationId) {
        return page.refresh().thenApply(s -> {
            ConfigurationRow row = page.configurations().stream().filter(r -> r.id().equals(configurationId)).findFirst()
                    .orElse(null);
            if (row == null || !page.open(row)) {
                return null;
            }
            editorOpened.set(editorOpened.get() + 1);
            return row.configuration();
        });
    }

    /** {@code base}, or {@code base (2)}, {@code base (3)}… whichever no configuration has yet. */
    static String uniqueName(String base, AccessKeysSnapshot s) {
        Set<String> taken = s.configurations().stream().map(AccessKeyConfiguration::name).collect(Collectors.toSet());
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** Rules that give each allowed provider that has provider keys all of them, in order (none when unrestricted). */
    static Router routerFor(Access access, AccessKeysSnapshot s) {
        List<RouterRule> rules = new ArrayList<>();
        s.providers().stream().filter(p -> EffectiveAccess.providerAllowed(access, p.providerId())).forEach(p -> {
            List<StepKey> keys = s.providerKeys().stream().filter(k -> p.providerId().equals(k.providerId()))
                    .map(ProviderKey::id).map(StepKey::existing).toList();
            if (!keys.isEmpty()) {
                rules.add(new RouterRule(p.providerId(), null, List.of(RouterStep.ordered(keys))));
            }
        });
        return rules.isEmpty() ? null : new Router(rules);
    }
}
