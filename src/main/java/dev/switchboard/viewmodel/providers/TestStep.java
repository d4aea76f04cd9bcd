package dev.switchboard.viewmodel.providers;

import dev.switchboard.discovery.ChatTestResult;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Test (optional): one message straight to the server, not through the gateway, with the reply or the exact error. */
public final class TestStep extends WizardStep {
    public enum Outcome { NOT_RUN, RUNNING, SUCCEEDED, FAILED }

    public static final String DEFAULT_MESSAGE = "Say hello in one short sentence.";

    private final BackgroundTasks tasks;
    private final Supplier<ModelServerClient> servers;
    private final Supplier<String> serverUrl;
    private final StringProperty providerKey;
    private final ModelList models;
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", DEFAULT_MESSAGE);
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome", Outcome.NOT_RUN);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private int generation;

    TestStep(BackgroundTasks tasks, Supplier<ModelServerClient> servers, Supplier<String> serverUrl, StringProperty providerKey,
             ModelList models) {
        this.tasks = tasks;
        this.servers = servers;
        this.serverUrl = serverUrl;
        this.providerKey = providerKey;
        this.models = models;
    }

    @Override
    public boolean isValid() {
        return outcome.get() != Outcome.RUNNING;
    }

    /** On entering the page: the model to test is one of the ticked ones. */
    void enter() {
        List<String> selected = models.selectedIds();
        if (!selected.contains(model.get())) {
            model.set(selected.isEmpty() ? "" : selected.get(0));
        }
    }

    /** Sends the test message to the chosen model straight to the server (not through the gateway). */
    public void run() {
        if (outcome.get() == Outcome.RUNNING || model.get() == null || model.get().isBlank()) {
            return;
        }
        String url = serverUrl.get();
        String key = providerKey.get();
        String chosen = model.get();
        String text = message.get() == null || message.get().isBlank() ? DEFAULT_MESSAGE : message.get();
        int test = ++generation;
        outcome.set(Outcome.RUNNING);
        result.set("Sending to " + chosen + "…");
        tasks.run(() -> servers.get().testChat(url, key, chosen, text).get(), (ChatTestResult r) -> {
            if (test == generation) {
                outcome.set(Outcome.SUCCEEDED);
                result.set(r.reply() + "\n\n— " + r.model() + ", " + r.elapsed().toMillis() + " ms");
            }
        }, e -> {
            if (test == generation) {
                outcome.set(Outcome.FAILED);
                result.set(ProviderWizardViewModel.message(e));
            }
        });
    }

    void cancel() {
        generation++;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
