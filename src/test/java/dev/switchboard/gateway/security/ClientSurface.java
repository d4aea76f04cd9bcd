package dev.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture.RawAnswer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The three data-plane POST endpoints as a client sees them: path, a minimal body, auth, error and stream shapes. */
enum ClientSurface {
    CHAT("/v1/chat/completions", "\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]"),
    RESPONSES("/v1/responses", "\"input\":\"%s\""),
    MESSAGES("/v1/messages", "\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]");

    final String path;
    private final String ownMembers;

    ClientSurface(String path, String ownMembers) {
        this.path = path;
        this.ownMembers = ownMembers;
    }

    boolean anthropic() {
        return this == MESSAGES;
    }

    /** The surface's own members, then {@code members} (raw JSON, comma-separated; may be empty). */
    String body(String members) {
        return body(members, "hi");
    }

    String body(String members, String prompt) {
        String own = String.format(ownMembers, prompt);
        return "{" + own + (members.isEmpty() ? "" : "," + members) + "}";
    }

    /** A body naming {@code model} (any string, JSON-quoted here). */
    String bodyFor(String model) {
        return body("\"model\":" + quote(model));
    }

    /** The access key as this surface's clients send it. */
    Map<String, String> auth(String token) {
        return anthropic() ? Map.of("x-api-key", token, "anthropic-version", "2023-06-01")
                : Map.of("Authorization", "Bearer " + token);
    }

    static String quote(String s) {
        try {
            return Json.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts a refusal: one of {@code statuses}, the error JSON in this surface's own shape (with one of
     * {@code codes} when any are given) and the gateway's trace headers.
     */
    void assertRefused(RawAnswer a, List<Integer> statuses, String... codes) {
        assertThat(a.status()).as("%s", a).isIn(statuses);
        JsonNode body = a.json();
        assertThat(body.has("errorCode")).as("the data plane's error shape, not the control plane's: %s", a).isFalse();
        JsonNode error = body.path("error");
        assertThat(error.path("message").asText()).as("%s", a).isNotBlank();
        assertThat(error.path("type").asText()).as("%s", a).isNotBlank();
        if (anthropic()) {
            assertThat(body.path("type").asText()).as("%s", a).isEqualTo("error");
        }
        if (codes.length > 0) {
            assertThat(error.path("code").asText()).as("%s", a).isIn(Arrays.asList(codes));
        }
        assertThat(a.headers().get("ngrok-aig-request-id")).as("%s", a).startsWith("rq_");
        assertThat(a.headers().get("ngrok-aig-attempts")).as("%s", a).isEqualTo("0");
    }

    /** One server-sent event as a client reads it. */
    record Event(String name, String data) {
    }

    static List<Event> events(String text) {
        List<Event> out = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\n\n")) {
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String d = line.substring(5);
                    d = d.startsWith(" ") ? d.substring(1) : d;
                    data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                }
            }
            if (data != null) {
                out.add(new Event(name, data.toString()));
            }
        }
        return out;
    }

    /** Whether the stream ended the way this surface ends a complete answer (and held no error event). */
    boolean endsComplete(List<Event> events) {
        if (events.isEmpty() || events.stream().anyMatch(this::isError)) {
            return false;
        }
        Event last = events.get(events.size() - 1);
        return switch (this) {
            case CHAT -> last.data().equals("[DONE]");
            case RESPONSES -> "response.completed".equals(typeOf(last));
            case MESSAGES -> "message_stop".equals(last.name()) && "message_stop".equals(typeOf(last));
        };
    }

    /** Whether the stream ended with this surface's error event, after no end-of-answer marker. */
    boolean endsWithError(List<Event> events) {
        if (events.isEmpty() || !isError(events.get(events.size() - 1))) {
            return false;
        }
        return events.stream().noneMatch(e -> e.data().equals("[DONE]") || "message_stop".equals(e.name())
                || "response.completed".equals(typeOf(e)));
    }

    private boolean isError(Event e) {
        if (anthropic()) {
            return "error".equals(e.name());
        }
        return e.data().startsWith("{") && json(e.data()).has("error") && !json(e.data()).path("error").isNull();
    }

    private static String typeOf(Event e) {
        return e.data().startsWith("{") ? json(e.data()).path("type").asText(null) : null;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("an event that is not JSON: " + text, e);
        }
    }
}
