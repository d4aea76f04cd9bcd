package dev.switchboard.diagnose;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.ScanTarget;

/**
 * Which gateway is diagnosed; it decides one URL rule: the embedded gateway also allows {@code http://}
 * to loopback hosts, since it runs beside the model server, and it cannot reach ngrok internal endpoints.
 */
public enum GatewayKind {
    EMBEDDED, HOSTED;

    /** Embedded when both planes are one loopback server, as the embedded gateway serves them. */
    public static GatewayKind of(GatewayClient client) {
        boolean samePlane = client.controlPlaneUrl().host().equals(client.dataPlaneUrl().host())
                && client.controlPlaneUrl().port() == client.dataPlaneUrl().port();
        return samePlane && ScanTarget.isLoopbackHost(client.controlPlaneUrl().host()) ? EMBEDDED : HOSTED;
    }
}
