package dev.switchboard.viewmodel;

/** The answer to "does this gateway answer?": whether it did, a sentence for the user, and how long it took. */
public record ProbeResult(boolean ok, String message, long millis) {
    public static ProbeResult ok(String message, long millis) {
        return new ProbeResult(true, message, millis);
    }

    public static ProbeResult failed(String message, long millis) {
        return new ProbeResult(false, message, millis);
    }
}
