package dev.switchboard.gateway.control;

import dev.switchboard.gateway.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** What the control-plane resources share: method checks, paging parameters, common fields. */
abstract class Resource {
    static final int NAME_MAX = 255;
    static final int DESCRIPTION_MAX = 255;
    static final int METADATA_MAX = 4096;
    static final int DEFAULT_LIMIT = 100;

    final Store store;

    Resource(Store store) {
        this.store = store;
    }

    abstract Reply handle(ControlCall call);

    static void allow(ControlCall call, String... methods) {
        List<String> allowed = Arrays.asList(methods);
        if (!allowed.contains(call.method())) {
            throw ApiException.methodNotAllowed(call.method(), call.path(), allowed);
        }
    }

    static int limit(ControlCall call) {
        String v = call.query().get("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(v);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw ApiException.badParameter("limit", "limit must be a whole number from 1 to 100 (got '"
                + shorten(v) + "').");
    }

    /** The {@code beforeId} parameter, checked to name an existing item of this collection. */
    static String beforeId(ControlCall call, String kind, Predicate<String> exists) {
        String v = call.query().get("beforeId");
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!exists.test(v)) {
            throw ApiException.badParameter("beforeId", "beforeId '" + shorten(v) + "' is not the id of any " + kind
                    + "; use the nextPageUri of the previous page.");
        }
        return v;
    }

    static String nextPageUri(ControlCall call, boolean hasMore, int limit, String lastId, String extraQuery) {
        if (!hasMore) {
            return null;
        }
        return call.path() + "?limit=" + limit + "&beforeId=" + encode(lastId)
                + (extraQuery == null ? "" : "&" + extraQuery);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** {@code /collection/{id}} with a known id, else 404. */
    static ApiException notFound(String kind, String id) {
        return ApiException.notFound("No " + kind + " with id '" + shorten(id) + "'.");
    }

    /** "name (id)" or just the id when the thing has no name, for messages. */
    static String label(String name, String id) {
        return name == null || name.isEmpty() ? id : name + " (" + id + ")";
    }

    /** The common "description"/"metadata" fields: on create both may be given; on PATCH omitted keeps, null clears. */
    static String description(JsonFields f, String current) {
        return f.has("description") ? f.optionalString("description", DESCRIPTION_MAX) : current;
    }

    static String metadata(JsonFields f, String current) {
        return f.has("metadata") ? f.optionalString("metadata", METADATA_MAX) : current;
    }
}
