package dev.switchboard.diagnose;

/**
 * What to do about a failed step, and where: {@code target} is the place to go, {@code subjectId} the
 * thing to open there (a configuration id, a provider id, an access key id), {@code label} the
 * button's text ("Edit access…").
 */
public record Action(Target target, String label, String subjectId) {

    /** The places a diagnosis can send the user. */
    public enum Target {
        ACCESS_KEYS, CONFIGURATION, PROVIDERS, PROVIDER_KEYS, MODEL_SERVER, LOGS, SETTINGS
    }
}
