package dev.switchboard.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records what a stream's listener hears, and on which threads. */
final class StreamRecorder implements StreamListener {
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<GatewayTrace> opened = new CompletableFuture<>();
    final CompletableFuture<StreamResult> completed = new CompletableFuture<>();
    final CompletableFuture<GatewayException> failed = new CompletableFuture<>();
    volatile StreamResult partial;
    final CountDownLatch firstEvent = new CountDownLatch(1);

    @Override
    public void onOpen(GatewayTrace trace) {
        threads.add(Thread.currentThread().getName());
        opened.complete(trace);
    }

    @Override
    public void onEvent(StreamEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
        firstEvent.countDown();
    }

    @Override
    public void onComplete(StreamResult result) {
        threads.add(Thread.currentThread().getName());
        completed.complete(result);
    }

    @Override
    public void onError(GatewayException error, StreamResult partialResult) {
        threads.add(Thread.currentThread().getName());
        partial = partialResult;
        failed.complete(error);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(e.textDelta()));
        return sb.toString();
    }
}
