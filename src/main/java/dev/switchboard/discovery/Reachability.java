package dev.switchboard.discovery;

/** Whether a provider's server answers from this machine. */
public enum Reachability {
    /** It answered HTTP (any status). */
    REACHABLE,
    /** Connecting failed or timed out. */
    UNREACHABLE,
    /** Cannot be checked from here, e.g. an ngrok internal endpoint. */
    UNKNOWN
}
