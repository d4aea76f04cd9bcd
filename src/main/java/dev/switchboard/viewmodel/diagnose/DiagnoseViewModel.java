package dev.switchboard.viewmodel.diagnose;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.ModelRef;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import dev.switchboard.diagnose.Action;
import dev.switchboard.diagnose.Diagnoser;
import dev.switchboard.diagnose.Diagnosis;
import dev.switchboard.diagnose.DiagnosisListener;
import dev.switchboard.diagnose.DiagnosisRequest;
import dev.switchboard.diagnose.ModelListFix;
import dev.switchboard.diagnose.StepId;
import dev.switchboard.diagnose.StepResult;
import dev.switchboard.discovery.ModelServerCheck;
import dev.switchboard.discovery.OnDemand;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.Navigator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Diagnose view: which key, {@code provider:model} and surface to diagnose, the seven steps filling in
 * live as the engine reports them, the verdict, and where its buttons go. The engine and every control-plane
 * call run on the background tasks; step updates reach the UI thread through {@code ui}.
 */
public final class DiagnoseViewModel implements AutoCloseable {
    /** Which page each kind of action opens (page ids as the shell names them). */
    private static final Map<Action.Target, String> PAGES = Map.of(
            Action.Target.ACCESS_KEYS, "access-keys",
            Action.Target.CONFIGURATION, "access-keys",
            Action.Target.PROVIDERS, "providers",
            Action.Target.PROVIDER_KEYS, "providers",
            Action.Target.MODEL_SERVER, "providers",
            Action.Target.LOGS, "logs",
            Action.Target.SETTINGS, "settings");

    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final KeptTokens keptTokens;
    private final Navigator navigator;
    private final Executor ui;
    // built inside the first diagnosis's background task: its OkHttp TLS setup would stall the window's opening
    private final OnDemand<ModelServerCheck> servers = new OnDemand<>(ModelServerCheck::new,
            "The Diagnose window is closed.");

    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final ObservableList<KeyOption> keys = FXCollections.observableArrayList();
    private final ObjectProperty<KeyOption> key = new SimpleObjectProperty<>(this, "key");
    private final ObjectProperty<Surface> surface = new SimpleObjectProperty<>(this, "surface", Surface.CHAT_COMPLETIONS);
    private final List<StepRow> steps = new ArrayList<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyObjectWrapper<Action> verdictAction = new ReadOnlyObjectWrapper<>(this, "verdictAction");
    private final ReadOnlyObjectWrapper<ModelListFix> fix = new ReadOnlyObjectWrapper<>(this, "fix");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public DiagnoseViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, KeptTokens keptTokens,
                             Navigator navigator, Executor ui) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.keptTokens = Objects.requireNonNull(keptTokens);
        this.navigator = Objects.requireNonNull(navigator);
        this.ui = Objects.requireNonNull(ui);
        for (StepId id : StepId.values()) {
            steps.add(new StepRow(id));
        }
    }

    /** Fills the form from where the action started, loads the keys, and runs when key and model are known. */
    public CompletableFuture<?> start(DiagnoseTarget target) {
        model.set(target.model() == null ? "" : target.model());
        if (target.surface() != null) {
            surface.set(target.surface());
        }
        return tasks.run(() -> keyOptions(target), options -> {
            keys.setAll(options);
            key.set(options.stream().filter(o -> Objects.equals(o.accessKeyId(), target.accessKeyId())
                    && (target.token() == null || Objects.equals(o.token(), target.token()))).findFirst()
                    .orElse(options.stream().filter(o -> o.token() != null).findFirst().orElse(null)));
            if (key.get() != null && ModelRef.parse(model.get()).isPresent()) {
                run();
            }
        }, e -> message.set("Could not list the access keys: " + e.getMessage()));
    }

    private List<KeyOption> keyOptions(DiagnoseTarget target) {
        List<KeyOption> options = new ArrayList<>();
        if (target.token() != null && target.accessKeyId() == null) {
            options.add(new KeyOption(null, "Token from Chat (this session)", target.token()));
        }
        List<AccessKey> all = client.get().accessKeys().list().toList();
        for (AccessKey k : all) {
            String token = Objects.equals(k.id(), target.accessKeyId()) && target.token() != null ? target.token()
                    : keptTokens.find(k.id()).map(KeptTokens.KeptToken::token).orElse(null);
            boolean sameName = all.stream().filter(o -> Objects.equals(o.name(), k.name())).count() > 1;
            options.add(new KeyOption(k.id(), k.name() + (sameName ? " (" + k.id() + ")" : "")
                    + (token == null ? " · no kept token" : ""), token));
        }
        if (target.accessKeyId() != null && options.stream().noneMatch(o -> target.accessKeyId().equals(o.accessKeyId()))) {
            options.add(new KeyOption(target.accessKeyId(), target.accessKeyId() + " (not on the gateway)", target.token()));
        }
        return options;
    }

    /** Runs the diagnosis; false (with {@link #messageProperty()} saying why) when the form is not complete. */
    public boolean run() {
        if (running.get()) {
            return false;
        }
        KeyOption k = key.get();
        DiagnosisRequest request;
        try {
            request = DiagnosisRequest.of(k == null ? null : k.accessKeyId(), k == null ? null : k.token(), model.get(),
                    surface.get());
        } catch (IllegalArgumentException e) {
            message.set(k == null ? "Pick the access key to diagnose with." : capitalized(e.getMessage()) + ".");
            return false;
        }
        message.set("");
        steps.forEach(StepRow::reset);
        verdict.set("");
        verdictAction.set(null);
        fix.set(null);
        running.set(true);
        DiagnosisListener listener = new DiagnosisListener() {
            @Override
            public void started(StepId step) {
                ui.execute(() -> row(step).running());
            }

            @Override
            public void finished(StepResult result) {
                ui.execute(() -> row(result.step()).finish(result));
            }
        };
        tasks.run(() -> new Diagnoser(client.get(), servers.get()).run(request, listener), this::show, e -> {
            running.set(false);
            message.set("The diagnosis stopped: " + e.getMessage());
        });
        return true;
    }

    private void show(Diagnosis d) {
        d.steps().forEach(r -> row(r.step()).finish(r));
        verdict.set(d.verdict());
        verdictAction.set(d.action());
        fix.set(d.modelListFix());
        running.set(false);
    }

    /** Sets the provider's model list as the diagnosis offered, then diagnoses again. */
    public CompletableFuture<?> applyFix() {
        ModelListFix offered = fix.get();
        if (offered == null) {
            return CompletableFuture.completedFuture(null);
        }
        return tasks.run(() -> {
            new Diagnoser(client.get(), servers.get()).apply(offered);
            return offered;
        }, done -> {
            fix.set(null);
            run();
        }, e -> message.set("Could not change the model list: " + e.getMessage()));
    }

    /** Goes to the page where the action can be taken. */
    public void go(Action action) {
        if (action != null) {
            navigator.show(pageOf(action));
        }
    }

    public static String pageOf(Action action) {
        return PAGES.getOrDefault(action.target(), "providers");
    }

    private StepRow row(StepId id) {
        return steps.get(id.ordinal());
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public StringProperty modelProperty() {
        return model;
    }

    public ObservableList<KeyOption> keys() {
        return keys;
    }

    public ObjectProperty<KeyOption> keyProperty() {
        return key;
    }

    public ObjectProperty<Surface> surfaceProperty() {
        return surface;
    }

    public List<StepRow> steps() {
        return List.copyOf(steps);
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Action> verdictActionProperty() {
        return verdictAction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelListFix> fixProperty() {
        return fix.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public void close() {
        servers.close();
    }
}
