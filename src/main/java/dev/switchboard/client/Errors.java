package dev.switchboard.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Turns error answers (all three JSON shapes) and I/O failures into {@link GatewayException}s. */
final class Errors {
    private static final int MAX_PLAIN_MESSAGE = 300;

    private Errors() {
    }

    /** An error answer: reads the body (the response stays open for the caller to close). */
    static GatewayException fromResponse(Response response, Secrets secrets) {
        String body;
        try {
            body = response.body().string();
        } catch (IOException e) {
            body = "";
        }
        return fromResponse(response.code(), body, response.header("Retry-After"),
                response.header(GatewayTrace.REQUEST_ID), secrets);
    }

    static GatewayException fromResponse(int status, String body, String retryAfter, String requestId,
                                         Secrets secrets) {
        ErrorInfo parsed = parseBody(status, body, requestId, secrets);
        return classify(parsed, retryAfter);
    }

    /** An error event inside a stream: no HTTP error status, so the code decides. */
    static GatewayException fromStreamError(String code, String type, String message, Map<String, Object> details,
                                            String requestId, Secrets secrets) {
        Map<String, Object> all = new LinkedHashMap<>(details == null ? Map.of() : details);
        if (type != null) {
            all.putIfAbsent("type", type);
        }
        String text = message != null && !message.isBlank() ? message : "The model stream failed.";
        ErrorInfo info = scrubbed(new ErrorInfo(0, code, text, all, requestId), secrets);
        if (GatewayTimeoutException.TOTAL_TIMEOUT_EXCEEDED.equals(code)) {
            return new GatewayTimeoutException(info, null);
        }
        if ("rate_limit_error".equals(type) || "rate_limit_exceeded".equals(code)) {
            return new RateLimitedException(info, null, null);
        }
        return new UpstreamException(info, null);
    }

    static GatewayException classify(ErrorInfo info, String retryAfter) {
        String code = info.errorCode();
        int status = info.status();
        if (UpstreamException.OUT_OF_CREDIT.equals(code)) {
            return new UpstreamException(info, null);
        }
        if ("ERR_NGROK_3803".equals(code)) {
            return new ForbiddenException(info, null);
        }
        if (GatewayTimeoutException.TOTAL_TIMEOUT_EXCEEDED.equals(code) || status == 504 || status == 408) {
            return new GatewayTimeoutException(info, null);
        }
        return switch (status) {
            case 401 -> new UnauthorizedException(info, null);
            case 403 -> new ForbiddenException(info, null);
            case 404 -> new NotFoundException(info, null);
            case 409 -> new ConflictException(info, null);
            case 400, 413, 422 -> new ValidationException(info, null);
            case 429 -> new RateLimitedException(info, parseRetryAfter(retryAfter), null);
            case 402 -> new UpstreamException(info, null);
            default -> status >= 500 ? new UpstreamException(info, null) : new UnexpectedResponseException(info, null);
        };
    }

    /** Control plane {@code {errorCode,statusCode,msg,details}}, OpenAI {@code {error:{message,type,code,param}}}, Anthropic {@code {type:"error",error:{type,message}}}. */
    static ErrorInfo parseBody(int status, String body, String requestId, Secrets secrets) {
        String code = null;
        String message = null;
        Map<String, Object> details = new LinkedHashMap<>();
        JsonNode root = null;
        if (body != null && !body.isBlank()) {
            try {
                root = Json.mapper().readTree(body);
            } catch (IOException notJson) {
                root = null;
            }
        }
        if (root != null && root.isObject()) {
            JsonNode error = root.get("error");
            if (root.hasNonNull("msg") || root.hasNonNull("errorCode")) {
                code = text(root, "errorCode");
                message = text(root, "msg");
                JsonNode d = root.get("details");
                if (d != null && d.isObject()) {
                    details.putAll(Json.mapper().convertValue(d, new TypeReference<Map<String, Object>>() { }));
                }
            } else if (error != null && error.isObject()) {
                message = text(error, "message");
                code = text(error, "code");
                putIfText(details, "type", error);
                putIfText(details, "param", error);
                JsonNode attempts = error.get("attempts");
                if (attempts != null && attempts.isArray()) {
                    List<String> each = new ArrayList<>();
                    attempts.forEach(a -> each.add(a.asText()));
                    details.put("attempts", each);
                }
            } else if (error != null && error.isTextual()) {
                message = error.asText();
            } else if (root.hasNonNull("message")) {
                message = text(root, "message");
            }
        } else if (body != null && !body.isBlank() && root == null && looksLikePlainText(body)) {
            message = body.strip();
        }
        if (message == null || message.isBlank()) {
            message = defaultMessage(status);
        }
        return scrubbed(new ErrorInfo(status, code, message, details, requestId), secrets);
    }

    static GatewayException fromIo(IOException e, HttpUrl url, Duration readTimeout) {
        return fromIo(e, url, readTimeout, false);
    }

    /** An I/O failure; {@code midStream} words a timeout as silence between events. */
    static GatewayException fromIo(IOException e, HttpUrl url, Duration readTimeout, boolean midStream) {
        String where = url.host() + ":" + url.port();
        if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
                && !"timeout".equals(e.getMessage())) {
            // A cancelled call surfaces as an InterruptedIOException too; report it as a broken connection.
            return new NetworkException(ErrorInfo.of("The call to " + where + " was interrupted."), e);
        }
        if (e instanceof InterruptedIOException) {
            String after = readTimeout == null ? "" : " within " + human(readTimeout);
            if (midStream) {
                return new GatewayTimeoutException(ErrorInfo.of("The stream from " + where + " went silent for "
                        + (readTimeout == null ? "too long" : human(readTimeout)) + "."), e);
            }
            return new GatewayTimeoutException(ErrorInfo.of("The gateway at " + where + " did not answer" + after + "."), e);
        }
        if (e instanceof UnknownHostException) {
            return new NetworkException(ErrorInfo.of("Can't find the host " + url.host()
                    + ". Check the address and your network connection."), e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new NetworkException(ErrorInfo.of("Can't connect to the gateway at " + where
                    + " (connection refused or unreachable). Is it running?"), e);
        }
        if (e instanceof SSLException) {
            return new NetworkException(ErrorInfo.of("The secure connection to " + where + " failed."), e);
        }
        return new NetworkException(ErrorInfo.of("The connection to the gateway at " + where + " broke"
                + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "") + "."), e);
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400, 422 -> "The gateway refused the request as invalid (HTTP " + status + ").";
            case 401 -> "The gateway did not accept the key (HTTP 401).";
            case 402 -> "The account cannot pay for this call (HTTP 402).";
            case 403 -> "The key is not allowed to do this (HTTP 403).";
            case 404 -> "Not found (HTTP 404).";
            case 409 -> "Refused because of a conflict with other resources (HTTP 409).";
            case 413 -> "The request is too large (HTTP 413).";
            case 429 -> "Too many requests; try again later (HTTP 429).";
            case 504 -> "The gateway timed out (HTTP 504).";
            default -> status >= 500 ? "The gateway failed (HTTP " + status + ")."
                    : "The gateway answered HTTP " + status + ".";
        };
    }

    private static ErrorInfo scrubbed(ErrorInfo info, Secrets secrets) {
        Map<String, Object> details = new LinkedHashMap<>();
        info.details().forEach((k, v) -> details.put(k, secrets.scrubValue(v)));
        return new ErrorInfo(info.status(), secrets.scrub(info.errorCode()), secrets.scrub(info.message()), details,
                secrets.scrub(info.requestId()));
    }

    private static boolean looksLikePlainText(String body) {
        String s = body.strip();
        return s.length() <= MAX_PLAIN_MESSAGE && !s.startsWith("<") && !s.contains("\n");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfText(Map<String, Object> into, String field, JsonNode from) {
        String v = text(from, field);
        if (v != null) {
            into.put(field, v);
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return (ms / 60_000) + " min";
        }
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        return (ms / 1000) + " s";
    }
}
