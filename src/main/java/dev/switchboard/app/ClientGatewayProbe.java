package dev.switchboard.app;

import dev.switchboard.api.GatewayConfig;
import dev.switchboard.client.ForbiddenException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.GatewayTimeoutException;
import dev.switchboard.client.NetworkException;
import dev.switchboard.client.UnauthorizedException;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.GatewayProbe;
import dev.switchboard.viewmodel.ProbeResult;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/** Checks a gateway with the client's {@code GET /gateway-config}, turning each failure into a sentence with what to do. */
public final class ClientGatewayProbe implements GatewayProbe {
    private final Supplier<OkHttpClient> http;

    public ClientGatewayProbe(OkHttpClient http) {
        this(() -> http);
    }

    /** @param http gives the shared client, waiting while it is still being built (probes run off the UI thread) */
    public ClientGatewayProbe(Supplier<OkHttpClient> http) {
        this.http = http;
    }

    @Override
    public ProbeResult probe(GatewayConnection connection) {
        return probe(connection.client(), connection.controlPlaneUrl());
    }

    @Override
    public ProbeResult probe(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey) {
        GatewayClient client;
        try {
            client = GatewayClient.builder()
                    .controlPlaneUrl(controlPlaneUrl)
                    .dataPlaneUrl(dataPlaneUrl)
                    .apiKey(apiKey)
                    .okHttpClient(http.get())
                    .readTimeout(Duration.ofSeconds(8))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ProbeResult.failed("Cannot test yet: " + e.getMessage() + ".", 0);
        }
        try (client) {
            return probe(client, controlPlaneUrl);
        }
    }

    private static ProbeResult probe(GatewayClient client, String where) {
        long start = System.nanoTime();
        try {
            GatewayConfig config = client.gatewayConfig();
            return ProbeResult.ok("The gateway answered GET /gateway-config (total timeout "
                    + config.totalTimeout() + ").", elapsed(start));
        } catch (UnauthorizedException | ForbiddenException e) {
            return ProbeResult.failed("The gateway refused the API key (HTTP " + e.status() + "): " + e.getMessage()
                    + " Check the key in Settings.", elapsed(start));
        } catch (NetworkException e) {
            return ProbeResult.failed("Could not reach " + where + ": " + e.getMessage(), elapsed(start));
        } catch (GatewayTimeoutException e) {
            return ProbeResult.failed("No answer from " + where + " in time: " + e.getMessage(), elapsed(start));
        } catch (GatewayException e) {
            return ProbeResult.failed("The gateway answered " + (e.status() == 0 ? "" : "HTTP " + e.status() + ": ")
                    + e.getMessage(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
