package dev.switchboard.viewmodel.chat;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One bubble of the conversation: the user's message, or a reply (streaming, finished, stopped or
 * failed) with its metrics and the raw request and response for the inspector. Changed on the UI thread.
 */
public final class ChatTurn {
    public enum Role { USER, ASSISTANT, ERROR }

    public enum State { STREAMING, DONE, STOPPED, FAILED }

    private final Role role;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.DONE);
    private final ReadOnlyObjectWrapper<ReplyMetrics> metrics = new ReadOnlyObjectWrapper<>(this, "metrics");
    private final ReadOnlyStringWrapper metricsLine = new ReadOnlyStringWrapper(this, "metricsLine", "");
    private final ReadOnlyBooleanWrapper latest = new ReadOnlyBooleanWrapper(this, "latest");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper replyLine = new ReadOnlyStringWrapper(this, "replyLine", "");
    private final ReadOnlyStringWrapper requestJson = new ReadOnlyStringWrapper(this, "requestJson", "");
    private final ReadOnlyStringWrapper responseText = new ReadOnlyStringWrapper(this, "responseText", "");
    private final ObjectProperty<ChatErrors.Kind> errorKind = new SimpleObjectProperty<>(this, "errorKind");
    private final String model;
    private volatile dev.switchboard.client.Surface surface;
    private boolean inHistory = true;
    private int flushes;

    public ChatTurn(Role role, String text, String model) {
        this.role = role;
        this.text.set(text == null ? "" : text);
        this.model = model;
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text, null);
    }

    public static ChatTurn reply(String model) {
        ChatTurn t = new ChatTurn(Role.ASSISTANT, "", model);
        t.state.set(State.STREAMING);
        return t;
    }

    public static ChatTurn error(String words, ChatErrors.Kind kind) {
        ChatTurn t = new ChatTurn(Role.ERROR, words, null);
        t.state.set(State.FAILED);
        t.errorKind.set(kind);
        t.inHistory = false;
        return t;
    }

    public Role role() {
        return role;
    }

    public String model() {
        return model;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public String text() {
        return text.get();
    }

    /** Appends a batch of streamed text (one call per frame at most). */
    void append(String delta) {
        if (!delta.isEmpty() && state.get() == State.STREAMING) {
            text.set(text.get() + delta);
            flushes++;
        }
    }

    void setText(String value) {
        text.set(value == null ? "" : value);
    }

    /** How many batches the streamed text arrived in. */
    public int flushes() {
        return flushes;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    void setState(State value) {
        state.set(value);
        placeMetrics();
    }

    public ReadOnlyObjectProperty<ReplyMetrics> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    void setMetrics(ReplyMetrics value) {
        metrics.set(value);
        metricsLine.set(value == null ? "" : value.summary());
        placeMetrics();
    }

    public ReadOnlyStringProperty metricsLineProperty() {
        return metricsLine.getReadOnlyProperty();
    }

    void setMetricsLine(String line) {
        metricsLine.set(line);
        placeMetrics();
    }

    /** Whether this is its column's newest reply, whose timings head the column. */
    public ReadOnlyBooleanProperty latestProperty() {
        return latest.getReadOnlyProperty();
    }

    void setLatest(boolean value) {
        latest.set(value);
        placeMetrics();
    }

    /** For the column's heading while this is its newest reply: the timings and tokens, or what is happening now. */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /**
     * The line under the reply, each metric shown once: under the newest reply only what the column's heading leaves
     * out (a model other than the one asked, attempts, request id); under an earlier one its timings too.
     */
    public ReadOnlyStringProperty replyLineProperty() {
        return replyLine.getReadOnlyProperty();
    }

    private void placeMetrics() {
        ReplyMetrics m = metrics.get();
        boolean stopped = state.get() == State.STOPPED;
        String timings = m == null ? "" : m.timings();
        headline.set(m == null ? metricsLine.get() : stopped ? (timings.isEmpty() ? "stopped" : "stopped · " + timings) : timings);
        if (latest.get()) {
            replyLine.set(m == null ? "" : m.trace(model));
        } else {
            String all = m == null ? "" : m.summary(model);
            replyLine.set(m == null ? metricsLine.get() : stopped ? (all.isEmpty() ? "stopped" : "stopped · " + all) : all);
        }
    }

    public ReadOnlyStringProperty requestJsonProperty() {
        return requestJson.getReadOnlyProperty();
    }

    void setRequestJson(String json) {
        requestJson.set(json);
    }

    public ReadOnlyStringProperty responseTextProperty() {
        return responseText.getReadOnlyProperty();
    }

    void setResponseText(String value) {
        responseText.set(value);
    }

    /** The surface the request went to (null for the user's own turns). */
    public dev.switchboard.client.Surface surface() {
        return surface;
    }

    void setSurface(dev.switchboard.client.Surface value) {
        surface = value;
    }

    public ChatErrors.Kind errorKind() {
        return errorKind.get();
    }

    /** Whether this turn is sent as history with the next message. */
    public boolean inHistory() {
        return inHistory;
    }

    void setInHistory(boolean value) {
        inHistory = value;
    }

    @Override
    public String toString() {
        return "ChatTurn[" + role + ", " + state.get() + ", " + text.get().length() + " chars]";
    }
}
