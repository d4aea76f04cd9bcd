package dev.switchboard.viewmodel.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ChatMessage;
import dev.switchboard.api.Json;
import dev.switchboard.client.Completion;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.GatewayTrace;
import dev.switchboard.client.ModelStream;
import dev.switchboard.client.StreamEvent;
import dev.switchboard.client.StreamListener;
import dev.switchboard.client.StreamResult;
import dev.switchboard.client.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One conversation with one model: its turns, the running call, and Stop. The Chat page has one,
 * and a second while comparing. Its state changes on the UI executor only.
 */
public final class ChatColumn {
    /** How many of a stream's first and last events the inspector shows. */
    static final int EVENTS_SHOWN = 60;
    private final Executor ui;
    private final Executor frames;
    private final Function<String, String> providerBaseUrl;
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final ObservableList<ChatTurn> turns = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final javafx.beans.property.ReadOnlyObjectWrapper<ChatTurn> latestReply =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "latestReply");
    private volatile ModelStream stream;
    private volatile CompletableFuture<Completion> call;
    private Runnable onFailed = () -> { };

    ChatColumn(Executor ui, Executor frames, Function<String, String> providerBaseUrl) {
        this.ui = ui;
        this.frames = frames;
        this.providerBaseUrl = providerBaseUrl;
        turns.addListener((javafx.collections.ListChangeListener<ChatTurn>) c -> markLatestReply());
    }

    /** The newest reply, whose timings head the column (null before the first). */
    public javafx.beans.property.ReadOnlyObjectProperty<ChatTurn> latestReplyProperty() {
        return latestReply.getReadOnlyProperty();
    }

    private void markLatestReply() {
        ChatTurn newest = null;
        for (int i = turns.size() - 1; i >= 0 && newest == null; i--) {
            if (turns.get(i).role() == ChatTurn.Role.ASSISTANT) {
                newest = turns.get(i);
            }
        }
        ChatTurn before = latestReply.get();
        if (newest != before) {
            if (before != null) {
                before.setLatest(false);
            }
            if (newest != null) {
                newest.setLatest(true);
            }
            latestReply.set(newest);
        }
    }

    public StringProperty modelProperty() {
        return model;
    }

    public ObservableList<ChatTurn> turns() {
        return turns;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    void setOnFailed(Runnable r) {
        onFailed = r;
    }

    /** The conversation so far, as sent with the next message: failed turns are left out. */
    public List<ChatMessage> history() {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatTurn t : turns) {
            if (!t.inHistory() || t.text().isEmpty()) {
                continue;
            }
            if (t.role() == ChatTurn.Role.USER) {
                out.add(ChatMessage.user(t.text()));
            } else if (t.role() == ChatTurn.Role.ASSISTANT) {
                out.add(ChatMessage.assistant(t.text()));
            }
        }
        return out;
    }

    /** Adds the user's message and its reply, then calls; returns the reply turn. */
    ChatTurn send(GatewayClient client, String token, Surface surface, ObjectNode body, boolean streaming, String userText) {
        ChatTurn user = ChatTurn.user(userText);
        ChatTurn reply = ChatTurn.reply(model.get());
        reply.setRequestJson(pretty(body));
        reply.setSurface(surface);
        turns.addAll(user, reply);
        busy.set(true);
        if (streaming) {
            StreamEventLog events = new StreamEventLog(EVENTS_SHOWN);
            FrameBuffer buffer = new FrameBuffer(frames, reply::append);
            stream = client.stream(token, surface, body, new StreamListener() {
                @Override
                public void onOpen(GatewayTrace trace) {
                    String who = trace.model();
                    ui.execute(() -> reply.setMetricsLine("answering" + (who == null ? "" : ": " + who) + " …"));
                }

                @Override
                public void onEvent(StreamEvent event) {
                    events.add(event);
                    buffer.add(event.textDelta());
                }

                @Override
                public void onComplete(StreamResult result) {
                    ui.execute(() -> {
                        buffer.flush();
                        reply.setText(result.text());
                        reply.setResponseText(events.text());
                        reply.setMetrics(ReplyMetrics.of(result));
                        reply.setState(result.isCompleted() ? ChatTurn.State.DONE : ChatTurn.State.STOPPED);
                        if (!result.isCompleted()) {
                            reply.setMetricsLine("stopped · " + reply.metricsLineProperty().get());
                        }
                        finish();
                    });
                }

                @Override
                public void onError(GatewayException error, StreamResult partial) {
                    ui.execute(() -> {
                        buffer.flush();
                        reply.setResponseText(events.text());
                        fail(user, reply, error, partial == null ? null : ReplyMetrics.of(partial));
                    });
                }
            });
        } else {
            CompletableFuture<Completion> f = client.completeAsync(token, surface, body);
            call = f;
            f.whenComplete((completion, error) -> ui.execute(() -> {
                if (f.isCancelled()) {
                    reply.setState(ChatTurn.State.STOPPED);
                    reply.setMetricsLine("stopped");
                    finish();
                } else if (error != null) {
                    fail(user, reply, error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error, null);
                } else {
                    reply.setText(completion.text());
                    reply.setResponseText(pretty(completion.body()));
                    reply.setMetrics(ReplyMetrics.of(completion));
                    reply.setState(ChatTurn.State.DONE);
                    finish();
                }
            }));
        }
        return reply;
    }

    private void fail(ChatTurn user, ChatTurn reply, Throwable error, ReplyMetrics partial) {
        reply.setState(ChatTurn.State.FAILED);
        reply.setInHistory(false);
        user.setInHistory(false);
        if (partial != null) {
            reply.setMetrics(partial);
        }
        if (reply.text().isEmpty()) {
            turns.remove(reply);
        }
        String model = reply.model();
        String words = ChatErrors.describe(error, model, providerBaseUrl.apply(ChatErrors.providerOf(model)));
        ChatTurn err = ChatTurn.error(words, ChatErrors.kindOf(error));
        err.setRequestJson(reply.requestJsonProperty().get());
        err.setSurface(reply.surface());
        err.setResponseText(reply.responseTextProperty().get().isEmpty() ? String.valueOf(error)
                : reply.responseTextProperty().get());
        turns.add(err);
        finish();
        onFailed.run();
    }

    private void finish() {
        stream = null;
        call = null;
        busy.set(false);
    }

    /** Stops the running call: the connection closes, so the gateway cancels the upstream call. */
    public void stop() {
        ModelStream s = stream;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<Completion> c = call;
        if (c != null) {
            c.cancel(true);
        }
    }

    /** Forgets the conversation (stops a running call first). */
    void clear() {
        stop();
        turns.clear();
    }

    /** Puts back turns that {@link #clear()} took away. */
    void restore(List<ChatTurn> earlier) {
        turns.setAll(earlier);
    }

    static String pretty(ObjectNode body) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return body.toString();
        }
    }
}
