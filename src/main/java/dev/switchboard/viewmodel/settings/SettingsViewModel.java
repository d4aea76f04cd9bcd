package dev.switchboard.viewmodel.settings;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.AsyncCommand;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.Connections;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.GatewayProbe;
import dev.switchboard.viewmodel.NotificationService;
import dev.switchboard.viewmodel.ProbeResult;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.Rule;
import dev.switchboard.viewmodel.validation.Rules;
import dev.switchboard.viewmodel.validation.ValidationGroup;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings page: which gateway to drive, its URLs and API key (validated as typed), the theme,
 * and "Test connection". Loading, saving and testing run on the background executor.
 */
public final class SettingsViewModel {
    /** How the last "Test connection" went. */
    public enum TestOutcome { NONE, RUNNING, SUCCEEDED, FAILED }

    private final SettingsStore store;
    private final Connections connections;
    private final GatewayProbe probe;
    private final NotificationService notifications;
    private final Appearance appearance;

    private final ObjectProperty<GatewayMode> mode = new SimpleObjectProperty<>(this, "mode", GatewayMode.EMBEDDED);
    private final StringProperty controlPlaneUrl = new SimpleStringProperty(this, "controlPlaneUrl", Settings.DEFAULT_CONTROL_PLANE_URL);
    private final StringProperty dataPlaneUrl = new SimpleStringProperty(this, "dataPlaneUrl", Settings.DEFAULT_DATA_PLANE_URL);
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey", "");
    private final BooleanProperty loaded = new SimpleBooleanProperty(this, "loaded", false);
    private final ReadOnlyObjectWrapper<TestOutcome> testOutcome = new ReadOnlyObjectWrapper<>(this, "testOutcome", TestOutcome.NONE);
    private final ReadOnlyStringWrapper testMessage = new ReadOnlyStringWrapper(this, "testMessage", "");
    private final BooleanBinding hosted = Bindings.createBooleanBinding(() -> mode.get() == GatewayMode.HOSTED, mode);

    private final FieldValidator<String> controlPlaneValidator;
    private final FieldValidator<String> dataPlaneValidator;
    private final FieldValidator<String> apiKeyValidator;
    private final ValidationGroup validation;
    private final AsyncCommand<Saved> saveCommand;
    private final AsyncCommand<ProbeResult> testCommand;
    private final AsyncCommand<Saved> loadCommand;

    private final javafx.beans.binding.StringBinding embeddedStatus;
    private Saved lastSaved;

    public SettingsViewModel(AppContext context) {
        this(context.settings(), context.tasks(), context.connections(), context.probe(), context.notifications(),
                context.appearance());
    }

    public SettingsViewModel(SettingsStore store, BackgroundTasks tasks, Connections connections, GatewayProbe probe,
                             NotificationService notifications, Appearance appearance) {
        this.store = store;
        this.connections = connections;
        this.probe = probe;
        this.notifications = notifications;
        this.appearance = appearance;

        controlPlaneValidator = new FieldValidator<>(controlPlaneUrl, whenHosted(Rules.httpUrl("The control-plane URL")), mode);
        dataPlaneValidator = new FieldValidator<>(dataPlaneUrl, whenHosted(Rules.httpUrl("The data-plane URL")), mode);
        apiKeyValidator = new FieldValidator<>(apiKey,
                whenHosted(Rules.required("An API key for the hosted gateway").and(Rules.maxLength("The API key", 4096))), mode);
        validation = new ValidationGroup(controlPlaneValidator, dataPlaneValidator, apiKeyValidator);

        loadCommand = new AsyncCommand<>(tasks, new SimpleBooleanProperty(true),
                () -> () -> new Saved(store.load(), store.loadApiKey().orElse("")),
                this::apply,
                e -> notifications.error("Could not read the saved settings: " + e.getMessage()));

        saveCommand = new AsyncCommand<>(tasks, validation.allValidProperty().and(loaded), () -> {
            Saved form = formValues();
            return () -> {
                Settings next = store.update(s -> s.withConnection(form.settings().mode(),
                        form.settings().controlPlaneUrl(), form.settings().dataPlaneUrl()));
                store.saveApiKey(form.apiKey());
                return new Saved(next, form.apiKey());
            };
        }, saved -> {
            boolean connectionChanged = lastSaved == null || !lastSaved.sameConnection(saved);
            lastSaved = saved;
            notifications.success("Settings saved.");
            if (connectionChanged) {
                connections.reconnect();
            }
        }, e -> notifications.error("Could not save the settings: " + e.getMessage()));

        testCommand = new AsyncCommand<>(tasks, validation.allValidProperty(), () -> {
            testOutcome.set(TestOutcome.RUNNING);
            testMessage.set("Testing connection…");
            if (mode.get() == GatewayMode.HOSTED) {
                String cp = strip(controlPlaneUrl.get());
                String dp = strip(dataPlaneUrl.get());
                String key = strip(apiKey.get());
                return () -> probe.probe(GatewayMode.HOSTED, cp, dp, key);
            }
            GatewayConnection current = connections.current();
            String notRunning = embeddedNotRunningMessage();
            return () -> current != null && current.mode() == GatewayMode.EMBEDDED
                    ? probe.probe(current)
                    : ProbeResult.failed(notRunning, 0);
        }, result -> {
            testOutcome.set(result.ok() ? TestOutcome.SUCCEEDED : TestOutcome.FAILED);
            testMessage.set(result.message());
        }, e -> {
            testOutcome.set(TestOutcome.FAILED);
            testMessage.set("Test failed: " + e.getMessage());
        });

        embeddedStatus = Bindings.createStringBinding(() -> describeEmbedded(connections.stateProperty().get()),
                connections.stateProperty());

        mode.addListener((obs, o, n) -> clearTestResult());
        controlPlaneUrl.addListener((obs, o, n) -> clearTestResult());
        apiKey.addListener((obs, o, n) -> clearTestResult());
    }

    /** Reads the saved settings into the form (in the background). */
    public CompletableFuture<Saved> load() {
        return loadCommand.execute();
    }

    public CompletableFuture<Saved> save() {
        return saveCommand.execute();
    }

    public CompletableFuture<ProbeResult> testConnection() {
        return testCommand.execute();
    }

    /** Puts the form back to what was last loaded or saved. */
    public void revert() {
        if (lastSaved != null) {
            apply(lastSaved);
        }
    }

    private void apply(Saved saved) {
        lastSaved = saved;
        mode.set(saved.settings().mode());
        controlPlaneUrl.set(saved.settings().controlPlaneUrl());
        dataPlaneUrl.set(saved.settings().dataPlaneUrl());
        apiKey.set(saved.apiKey());
        loaded.set(true);
        clearTestResult();
    }

    private Saved formValues() {
        Settings s = Settings.defaults().withConnection(mode.get(), strip(controlPlaneUrl.get()), strip(dataPlaneUrl.get()));
        return new Saved(s, strip(apiKey.get()));
    }

    private String embeddedNotRunningMessage() {
        var state = connections.stateProperty().get();
        if (state != null && state.mode() == GatewayMode.EMBEDDED && !state.detail().isBlank()) {
            return "The embedded gateway is not running: " + state.detail();
        }
        return "The embedded gateway is not running. Save to switch to it, then test again.";
    }

    private static String describeEmbedded(dev.switchboard.viewmodel.ConnectionState s) {
        if (s == null || s.mode() != GatewayMode.EMBEDDED) {
            return "Not running: the console uses the hosted gateway. Choose Embedded and save to start it.";
        }
        return switch (s.phase()) {
            case STARTING -> "Starting…";
            case FAILED -> "Not running: " + s.detail();
            case READY -> "Running at " + s.connection().controlPlaneUrl() + ". Other apps call its data plane at "
                    + s.connection().dataPlaneUrl() + "/v1 with an access key.";
        };
    }

    private void clearTestResult() {
        if (!testCommand.runningProperty().get()) {
            testOutcome.set(TestOutcome.NONE);
            testMessage.set("");
        }
    }

    private Rule<String> whenHosted(Rule<String> rule) {
        return v -> mode.get() == GatewayMode.HOSTED ? rule.check(v) : ValidationStatus.ok();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** What was saved: the settings plus the API key (kept apart because it goes to its own file). */
    public record Saved(Settings settings, String apiKey) {
        boolean sameConnection(Saved other) {
            return settings.mode() == other.settings.mode()
                    && settings.controlPlaneUrl().equals(other.settings.controlPlaneUrl())
                    && settings.dataPlaneUrl().equals(other.settings.dataPlaneUrl())
                    && apiKey.equals(other.apiKey);
        }

        @Override
        public String toString() {
            return "Saved[" + settings + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***") + "]";
        }
    }

    /** One sentence on the embedded gateway: running where, starting, or why not. */
    public javafx.beans.binding.StringBinding embeddedStatusProperty() {
        return embeddedStatus;
    }

    public ObjectProperty<GatewayMode> modeProperty() {
        return mode;
    }

    public BooleanBinding hostedProperty() {
        return hosted;
    }

    public StringProperty controlPlaneUrlProperty() {
        return controlPlaneUrl;
    }

    public StringProperty dataPlaneUrlProperty() {
        return dataPlaneUrl;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    public ObjectProperty<Theme> themeProperty() {
        return appearance.themeProperty();
    }

    public FieldValidator<String> controlPlaneUrlValidator() {
        return controlPlaneValidator;
    }

    public FieldValidator<String> dataPlaneUrlValidator() {
        return dataPlaneValidator;
    }

    public FieldValidator<String> apiKeyValidator() {
        return apiKeyValidator;
    }

    public ValidationGroup validation() {
        return validation;
    }

    public AsyncCommand<Saved> saveCommand() {
        return saveCommand;
    }

    public AsyncCommand<ProbeResult> testConnectionCommand() {
        return testCommand;
    }

    public ReadOnlyObjectProperty<TestOutcome> testOutcomeProperty() {
        return testOutcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testMessageProperty() {
        return testMessage.getReadOnlyProperty();
    }

    public BooleanProperty loadedProperty() {
        return loaded;
    }
}
