package dev.switchboard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** JSON over HTTP to the control plane: auth, error mapping, paging links. Thread-safe. */
final class ControlPlane {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final String apiKey;
    private final OkHttpClient writes;
    private final OkHttpClient reads;
    private final Duration readTimeout;
    private final Secrets secrets;

    ControlPlane(HttpUrl base, String apiKey, OkHttpClient writes, OkHttpClient reads, Duration readTimeout) {
        this.base = base;
        this.apiKey = apiKey;
        this.writes = writes;
        this.reads = reads;
        this.readTimeout = readTimeout;
        this.secrets = Secrets.of(apiKey);
    }

    HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String segment : segments) {
            if (segment == null || segment.isEmpty()) {
                throw new IllegalArgumentException("empty id");
            }
            b.addPathSegment(segment);
        }
        return b.build();
    }

    HttpUrl listUrl(String collection, ListOptions options, String providerFilter) {
        HttpUrl.Builder b = url(collection).newBuilder();
        if (options.limit() != null) {
            b.addQueryParameter("limit", options.limit().toString());
        }
        if (options.beforeId() != null) {
            b.addQueryParameter("beforeId", options.beforeId());
        }
        if (providerFilter != null) {
            b.addQueryParameter("provider", providerFilter);
        }
        return b.build();
    }

    /**
     * A {@code nextPageUri} as a URL on our own control plane. Absolute links to another origin keep
     * only their path and query, so the API key never goes to a host we were not given.
     */
    HttpUrl resolvePage(String link) {
        HttpUrl absolute = HttpUrl.parse(link);
        if (absolute != null && absolute.scheme().equals(base.scheme()) && absolute.host().equals(base.host())
                && absolute.port() == base.port()) {
            return absolute;
        }
        String pathAndQuery;
        if (absolute != null) {
            pathAndQuery = absolute.encodedPath() + (absolute.encodedQuery() != null ? "?" + absolute.encodedQuery() : "");
        } else {
            pathAndQuery = link;
        }
        String prefix = base.encodedPath().endsWith("/") ? base.encodedPath().substring(0, base.encodedPath().length() - 1)
                : base.encodedPath();
        if (!pathAndQuery.startsWith("/")) {
            pathAndQuery = "/" + pathAndQuery;
        }
        if (!prefix.isEmpty() && !pathAndQuery.startsWith(prefix + "/")) {
            pathAndQuery = prefix + pathAndQuery;
        }
        HttpUrl resolved = base.resolve(pathAndQuery);
        if (resolved == null) {
            throw new UnexpectedResponseException(ErrorInfo.of("The gateway sent an unusable page link."), null);
        }
        return resolved;
    }

    <T> T get(HttpUrl url, Class<T> type) {
        return send(reads, request(url).get().build(), Json.mapper().constructType(type), secrets);
    }

    <T> Page<T> page(HttpUrl url, String listField, Class<T> itemType) {
        JsonNode node = send(reads, request(url).get().build(), Json.mapper().constructType(JsonNode.class), secrets);
        JsonNode items = node.get(listField);
        if (items == null || !items.isArray()) {
            throw new UnexpectedResponseException(ErrorInfo.of("The gateway's list answer has no " + listField + "."), null);
        }
        List<T> list = new ArrayList<>();
        try {
            for (JsonNode item : items) {
                list.add(Json.mapper().treeToValue(item, itemType));
            }
        } catch (JsonProcessingException e) {
            throw new UnexpectedResponseException(ErrorInfo.of("The gateway's list answer could not be read."),
                    secrets.scrub(e));
        }
        String next = node.hasNonNull("nextPageUri") ? node.get("nextPageUri").asText() : null;
        String uri = node.hasNonNull("uri") ? node.get("uri").asText() : url.toString();
        return new Page<>(list, uri, next);
    }

    <T> T post(HttpUrl url, Object body, Class<T> type, Secrets extra) {
        return send(writes, request(url).post(json(body)).build(), Json.mapper().constructType(type), extra);
    }

    <T> T patch(HttpUrl url, Object body, Class<T> type, Secrets extra) {
        return send(writes, request(url).patch(json(body)).build(), Json.mapper().constructType(type), extra);
    }

    void delete(HttpUrl url) {
        send(writes, request(url).delete().build(), null, secrets);
    }

    Secrets secrets() {
        return secrets;
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
    }

    static RequestBody json(Object body) {
        try {
            return RequestBody.create(Json.mapper().writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    private <T> T send(OkHttpClient client, Request request, JavaType type, Secrets callSecrets) {
        String body;
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw Errors.fromResponse(response, callSecrets);
            }
            if (type == null) {
                return null;
            }
            body = response.body().string();
        } catch (IOException e) {
            throw Errors.fromIo(e, request.url(), readTimeout);
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UnexpectedResponseException(ErrorInfo.of("The gateway's answer could not be read as JSON."),
                    callSecrets.scrub(e));
        }
    }
}
