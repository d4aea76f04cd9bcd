package dev.switchboard.gateway.usage;

/**
 * Told about every upstream attempt once it is over. Called on a network thread: implementations
 * must return quickly (queue and write in batches elsewhere) and must not throw.
 */
@FunctionalInterface
public interface AttemptListener {
    AttemptListener NONE = record -> {
    };

    void onAttempt(AttemptRecord record);
}
