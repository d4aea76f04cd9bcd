package dev.switchboard.viewmodel.gateway;

import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.Failures;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationGroup;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Gateway settings page: the gateway-wide timeouts and token caps as the gateway holds them
 * ({@code GET /gateway-config}), edited as text, validated as typed with the gateway's own rules, and
 * saved with a PATCH of only the fields that changed, so a value changed elsewhere meanwhile is kept.
 */
public final class GatewaySettingsViewModel {
    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;

    private final StringProperty perRequestTimeout = new SimpleStringProperty(this, "perRequestTimeout", "");
    private final StringProperty totalTimeout = new SimpleStringProperty(this, "totalTimeout", "");
    private final StringProperty maxInputTokens = new SimpleStringProperty(this, "maxInputTokens", "");
    private final StringProperty maxOutputTokens = new SimpleStringProperty(this, "maxOutputTokens", "");
    private final FieldValidator<String> perRequestValidator;
    private final FieldValidator<String> totalValidator;
    private final FieldValidator<String> maxInputValidator;
    private final FieldValidator<String> maxOutputValidator;
    private final ReadOnlyObjectWrapper<GatewayConfig> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanBinding dirty;
    private final BooleanBinding canSave;

    public GatewaySettingsViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, DialogService dialogs) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        totalValidator = new FieldValidator<>(totalTimeout, GatewayLimitRules.timeout("The total timeout"));
        perRequestValidator = new FieldValidator<>(perRequestTimeout,
                GatewayLimitRules.timeout("The per-request timeout").and(GatewayLimitRules.notLongerThan(totalTimeout)),
                totalTimeout);
        maxInputValidator = new FieldValidator<>(maxInputTokens, GatewayLimitRules.tokenCap("Max input tokens"));
        maxOutputValidator = new FieldValidator<>(maxOutputTokens, GatewayLimitRules.tokenCap("Max output tokens"));
        ValidationGroup valid = new ValidationGroup(perRequestValidator, totalValidator, maxInputValidator, maxOutputValidator);
        dirty = Bindings.createBooleanBinding(() -> saved.get() != null && !showsSaved(),
                saved, perRequestTimeout, totalTimeout, maxInputTokens, maxOutputTokens);
        canSave = dirty.and(valid.allValidProperty()).and(busy.not());
        dirty.addListener((o, was, now) -> {
            if (now && !busy.get()) {
                status.set("");
            }
        });
    }

    /** The page's view-model over the app's active gateway connection; reloads whenever a connection becomes ready. */
    public static GatewaySettingsViewModel of(AppContext context) {
        GatewaySettingsViewModel vm = new GatewaySettingsViewModel(context.connections()::requireClient, context.tasks(),
                context.dialogs());
        context.connections().whenReady(vm::load);
        return vm;
    }

    /** Reads the gateway's values and shows them, dropping anything unsaved. */
    public CompletableFuture<GatewayConfig> load() {
        return run("Reading the gateway's settings…", () -> client.get().gatewayConfig(), config -> {
            show(config);
            status.set("");
        }, "Could not read the gateway's settings: ");
    }

    /** Sends the changed fields only; the fields then show what the gateway holds. Typed values stay when refused. */
    public CompletableFuture<GatewayConfig> save() {
        if (!canSave.get()) {
            return CompletableFuture.completedFuture(null);
        }
        GatewayConfigUpdate body = update();
        return run("Saving…", () -> client.get().updateGatewayConfig(body), config -> {
            show(config);
            status.set("Saved. The next request uses these settings.");
        }, "Not saved: ");
    }

    /** Puts back the values the gateway holds (as last read or saved). */
    public void revert() {
        if (saved.get() != null) {
            show(saved.get());
            status.set("");
        }
    }

    /** True when nothing is unsaved, or the user agrees to drop it (before leaving the page). */
    public boolean confirmDiscard() {
        return !dirty.get() || dialogs.confirmDestructive("Discard unsaved changes?",
                "The gateway settings you changed are not saved yet.", "Discard");
    }

    /** The PATCH that would be sent now: only the fields whose value differs from what the gateway holds. */
    public GatewayConfigUpdate update() {
        GatewayConfigUpdate.Builder b = GatewayConfigUpdate.builder();
        GatewayConfig s = saved.get();
        if (s == null) {
            return b.build();
        }
        String perRequest = perRequestTimeout.get().strip();
        if (!perRequest.equals(s.perRequestTimeout())) {
            b.perRequestTimeout(perRequest);
        }
        String total = totalTimeout.get().strip();
        if (!total.equals(s.totalTimeout())) {
            b.totalTimeout(total);
        }
        tokenCapChange(maxInputTokens.get(), s.maxInputTokens(), b::maxInputTokens, b::clearMaxInputTokens);
        tokenCapChange(maxOutputTokens.get(), s.maxOutputTokens(), b::maxOutputTokens, b::clearMaxOutputTokens);
        return b.build();
    }

    private boolean showsSaved() {
        GatewayConfig s = saved.get();
        return perRequestTimeout.get().strip().equals(s.perRequestTimeout())
                && totalTimeout.get().strip().equals(s.totalTimeout())
                && maxInputTokens.get().strip().equals(capText(s.maxInputTokens()))
                && maxOutputTokens.get().strip().equals(capText(s.maxOutputTokens()));
    }

    private static String capText(Long cap) {
        return cap == null ? "" : cap.toString();
    }

    private static void tokenCapChange(String typed, Long saved, Consumer<Long> set, Runnable clear) {
        Long cap = GatewayLimitRules.tokenCapValue(typed);
        if (Objects.equals(cap, saved) || (cap == null && !typed.isBlank())) {
            return;
        }
        if (cap == null) {
            clear.run();
        } else {
            set.accept(cap);
        }
    }

    private void show(GatewayConfig config) {
        saved.set(config);
        perRequestTimeout.set(Objects.toString(config.perRequestTimeout(), ""));
        totalTimeout.set(Objects.toString(config.totalTimeout(), ""));
        maxInputTokens.set(capText(config.maxInputTokens()));
        maxOutputTokens.set(capText(config.maxOutputTokens()));
    }

    private <T> CompletableFuture<T> run(String doing, Callable<T> work, Consumer<T> onSuccess, String failurePrefix) {
        busy.set(true);
        status.set(doing);
        return tasks.run(work, result -> {
            busy.set(false);
            onSuccess.accept(result);
        }, failure -> {
            busy.set(false);
            status.set(failurePrefix + Failures.describe(failure));
        }).handle((result, failure) -> failure == null ? result : null);
    }

    public StringProperty perRequestTimeoutProperty() {
        return perRequestTimeout;
    }

    public StringProperty totalTimeoutProperty() {
        return totalTimeout;
    }

    public StringProperty maxInputTokensProperty() {
        return maxInputTokens;
    }

    public StringProperty maxOutputTokensProperty() {
        return maxOutputTokens;
    }

    public FieldValidator<String> perRequestTimeoutValidator() {
        return perRequestValidator;
    }

    public FieldValidator<String> totalTimeoutValidator() {
        return totalValidator;
    }

    public FieldValidator<String> maxInputTokensValidator() {
        return maxInputValidator;
    }

    public FieldValidator<String> maxOutputTokensValidator() {
        return maxOutputValidator;
    }

    /** What the gateway holds, as last read or saved; null until the first read. */
    public ReadOnlyObjectProperty<GatewayConfig> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Something typed differs from what the gateway holds. */
    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
