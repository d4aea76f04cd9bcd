package dev.switchboard.app;

import javafx.animation.AnimationTimer;

/**
 * Runs something once the first frame of a just-shown window has been drawn. Counted in pulses: the first
 * pulse after {@code show()} lays the scene out and hands the frame to the render thread, the second waits
 * for that render to finish before handing over its own, so when the third starts the first frame is on
 * screen. Call on the FX thread right after {@code stage.show()}.
 */
final class FirstFrame {
    private static final int PULSES = 3;

    private FirstFrame() {
    }

    static void whenDrawn(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses < PULSES) {
                    return;
                }
                stop();
                action.run();
            }
        }.start();
    }
}
