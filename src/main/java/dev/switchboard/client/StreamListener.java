package dev.switchboard.client;

/**
 * Receives a model stream's events. Every method is called on an OkHttp background thread, one
 * call at a time, in order; hop to the FX thread yourself ({@code Platform.runLater}) and batch
 * text per frame. Exactly one of {@link #onComplete} or {@link #onError} ends the stream.
 */
public interface StreamListener {
    /** The gateway accepted the call; the trace headers are known. */
    default void onOpen(GatewayTrace trace) {
    }

    default void onEvent(StreamEvent event) {
    }

    /** The model finished, or the caller cancelled ({@link StreamResult#outcome()} tells which). */
    default void onComplete(StreamResult result) {
    }

    /** The call was refused, or the stream broke or carried an error event; {@code partial} holds what came before. */
    default void onError(GatewayException error, StreamResult partial) {
    }
}
