package dev.switchboard.viewmodel.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Runs tasks on the FX thread once per rendered frame (an {@link AnimationTimer} drains the queue at each
 * pulse), so however fast a stream delivers, the FX thread does one batch of work per frame and input
 * events get their turn in between. The timer runs only while tasks are queued.
 */
public final class FrameExecutor implements Executor {
    private final List<Runnable> queue = new ArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain();
        }
    };
    private boolean running;

    @Override
    public void execute(Runnable task) {
        boolean start;
        synchronized (queue) {
            queue.add(task);
            start = !running;
            running = true;
        }
        if (start) {
            Platform.runLater(timer::start);
        }
    }

    private void drain() {
        List<Runnable> batch;
        synchronized (queue) {
            if (queue.isEmpty()) {
                running = false;
                timer.stop();
                return;
            }
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        batch.forEach(Runnable::run);
    }
}
