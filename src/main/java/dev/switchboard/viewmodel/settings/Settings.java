package dev.switchboard.viewmodel.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code settings.json} in the data folder holds. The hosted API key is not here: it lives in
 * its own owner-only file (see {@link SettingsStore}).
 *
 * @param embeddedPort the embedded gateway's loopback port; 0 picks a free port
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, Theme theme,
                       WindowBounds window, Integer embeddedPort) {
    public static final String DEFAULT_CONTROL_PLANE_URL = "https://api.ngrok.ai";
    public static final String DEFAULT_DATA_PLANE_URL = "https://gateway.ngrok.ai";
    public static final int DEFAULT_EMBEDDED_PORT = 7878;

    public Settings {
        mode = mode == null ? GatewayMode.EMBEDDED : mode;
        controlPlaneUrl = controlPlaneUrl == null || controlPlaneUrl.isBlank() ? DEFAULT_CONTROL_PLANE_URL : controlPlaneUrl;
        dataPlaneUrl = dataPlaneUrl == null || dataPlaneUrl.isBlank() ? DEFAULT_DATA_PLANE_URL : dataPlaneUrl;
        theme = theme == null ? Theme.LIGHT : theme;
        window = window == null ? WindowBounds.defaults() : window;
        embeddedPort = embeddedPort == null ? DEFAULT_EMBEDDED_PORT : embeddedPort;
    }

    public static Settings defaults() {
        return new Settings(null, null, null, null, null, null);
    }

    public Settings withConnection(GatewayMode newMode, String newControlPlaneUrl, String newDataPlaneUrl) {
        return new Settings(newMode, newControlPlaneUrl, newDataPlaneUrl, theme, window, embeddedPort);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(mode, controlPlaneUrl, dataPlaneUrl, newTheme, window, embeddedPort);
    }

    public Settings withWindow(WindowBounds newWindow) {
        return new Settings(mode, controlPlaneUrl, dataPlaneUrl, theme, newWindow, embeddedPort);
    }

    public Settings withEmbeddedPort(int port) {
        return new Settings(mode, controlPlaneUrl, dataPlaneUrl, theme, window, port);
    }
}
