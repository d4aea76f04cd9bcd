package dev.switchboard.viewmodel;

import dev.switchboard.viewmodel.settings.GatewayMode;

/** Asks a gateway whether it answers (a control-plane read). Blocking: call it from a background task. */
public interface GatewayProbe {
    /** Probes the app's live connection. */
    ProbeResult probe(GatewayConnection connection);

    /** Probes a gateway that is not connected yet, e.g. the values typed into Settings. */
    ProbeResult probe(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey);
}
