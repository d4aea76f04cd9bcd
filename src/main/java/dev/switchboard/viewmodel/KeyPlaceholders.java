package dev.switchboard.viewmodel;

/**
 * The one shell variable per kind of key that every command the console shows uses in its place: an
 * access-key token on the data plane ({@code switchboard diagnose} reads the same variable), the hosted
 * gateway's API key on the control plane.
 */
public final class KeyPlaceholders {
    public static final String ACCESS_TOKEN_VAR = "SWITCHBOARD_ACCESS_TOKEN";
    public static final String ACCESS_TOKEN = "$" + ACCESS_TOKEN_VAR;
    public static final String HOSTED_API_KEY_VAR = "NGROK_API_KEY";
    public static final String HOSTED_API_KEY = "$" + HOSTED_API_KEY_VAR;

    private KeyPlaceholders() {
    }
}
