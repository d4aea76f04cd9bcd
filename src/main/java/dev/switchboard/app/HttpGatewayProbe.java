package dev.switchboard.app;

import dev.switchboard.api.ApiError;
import dev.switchboard.api.Json;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.GatewayProbe;
import dev.switchboard.viewmodel.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Checks a gateway by reading its control plane's {@code GET /gateway-config} with the connection's API key. */
public final class HttpGatewayProbe implements GatewayProbe {
    private final OkHttpClient http;

    public HttpGatewayProbe(OkHttpClient http) {
        this.http = http.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(8))
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public ProbeResult probe(GatewayConnection c) {
        HttpUrl base = HttpUrl.parse(c.controlPlaneUrl());
        if (base == null) {
            return ProbeResult.failed("The control-plane URL is not a valid http(s) URL.", 0);
        }
        HttpUrl url = base.newBuilder().addPathSegment("gateway-config").build();
        Request.Builder req = new Request.Builder().url(url).get();
        if (!c.apiKey().isEmpty()) {
            req.header("Authorization", "Bearer " + c.apiKey());
        }
        long start = System.nanoTime();
        try (Response r = http.newCall(req.build()).execute()) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (r.isSuccessful()) {
                return ProbeResult.ok("The gateway answered GET /gateway-config.", ms);
            }
            String body = r.body().string();
            String msg = errorMessage(body);
            if (r.code() == 401 || r.code() == 403) {
                return ProbeResult.failed("The gateway refused the API key (HTTP " + r.code() + "). Check the key in Settings."
                        + (msg.isEmpty() ? "" : " It said: " + msg), ms);
            }
            return ProbeResult.failed("The gateway answered HTTP " + r.code() + (msg.isEmpty() ? "." : ": " + msg), ms);
        } catch (UnknownHostException e) {
            return ProbeResult.failed("Unknown host " + url.host() + ". Check the URL and your network.", elapsed(start));
        } catch (ConnectException e) {
            return ProbeResult.failed("Nothing answers at " + base + " (connection refused).", elapsed(start));
        } catch (SocketTimeoutException e) {
            return ProbeResult.failed("No answer from " + base + " in time.", elapsed(start));
        } catch (IOException e) {
            return ProbeResult.failed("Could not reach " + base + ": " + e.getMessage(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String errorMessage(String body) {
        try {
            ApiError e = Json.mapper().readValue(body, ApiError.class);
            return e.msg() == null ? "" : e.msg();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
