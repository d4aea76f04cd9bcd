package dev.switchboard.gateway.control;

import dev.switchboard.gateway.store.Store;
import java.util.List;

/**
 * A collection with the standard routes: {@code GET/HEAD/POST /collection} and
 * {@code GET/HEAD/PATCH/DELETE /collection/{id}}; deeper paths go to {@link #subresource}.
 */
abstract class CollectionResource extends Resource {

    CollectionResource(Store store) {
        super(store);
    }

    @Override
    final Reply handle(ControlCall call) {
        List<String> s = call.segments();
        if (s.size() == 1) {
            allow(call, "GET", "HEAD", "POST");
            return call.method().equals("POST") ? create(call) : list(call);
        }
        if (s.size() == 2) {
            allow(call, "GET", "HEAD", "PATCH", "DELETE");
            return switch (call.method()) {
                case "PATCH" -> update(call, s.get(1));
                case "DELETE" -> delete(s.get(1));
                default -> Reply.of(200, get(s.get(1)));
            };
        }
        return subresource(call, s);
    }

    abstract Reply list(ControlCall call);

    abstract Reply create(ControlCall call);

    /** The item, or a 404 {@link ApiException}. */
    abstract Object get(String id);

    abstract Reply update(ControlCall call, String id);

    abstract Reply delete(String id);

    /** Paths below an item, such as {@code /provider-keys/{id}/rotate}; none by default. */
    Reply subresource(ControlCall call, List<String> segments) {
        throw ApiException.notFound("No such path: " + call.path());
    }
}
