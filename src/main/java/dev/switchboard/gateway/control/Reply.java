package dev.switchboard.gateway.control;

import java.util.Map;

/** What the control plane answers: a status, a JSON body (null for none) and extra headers. */
public record Reply(int status, Object body, Map<String, String> headers) {

    static Reply of(int status, Object body) {
        return new Reply(status, body, Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    public static Reply error(ApiException e) {
        return new Reply(e.status(), e.toApiError(), e.headers());
    }
}
