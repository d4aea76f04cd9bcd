package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.store.Store;
import java.util.Iterator;
import java.util.Map;

/**
 * The control-plane API over the store: routes a {@link ControlCall} to its resource and
 * turns the result (or the {@link ApiException}) into a {@link Reply} whose body is JSON
 * with absolute {@code uri}s. Knows nothing of HTTP servers or admin keys.
 */
public final class ControlPlane {
    private final Map<String, Resource> resources;

    public ControlPlane(Store store) {
        this.resources = Map.of(
                "providers", new ProvidersResource(store),
                "provider-keys", new ProviderKeysResource(store),
                "access-keys", new AccessKeysResource(store),
                "access-key-configurations", new AccessKeyConfigurationsResource(store),
                "gateway-config", new GatewayConfigResource(store),
                "usage", new UsageResource(store));
    }

    public Reply handle(ControlCall call) {
        Reply reply;
        try {
            Resource resource = call.segments().isEmpty() ? null : resources.get(call.segments().get(0));
            if (resource == null) {
                throw ApiException.notFound("No such path: " + call.path() + ". The control plane serves /providers,"
                        + " /provider-keys, /access-keys, /access-key-configurations, /gateway-config and /usage.");
            }
            reply = resource.handle(call);
        } catch (ApiException e) {
            reply = Reply.error(e);
        }
        if (reply.body() == null) {
            return reply;
        }
        JsonNode tree = Json.mapper().valueToTree(reply.body());
        absolutize(tree, call.baseUri());
        return new Reply(reply.status(), tree, reply.headers());
    }

    /** Makes every relative {@code uri}/{@code nextPageUri} absolute and drops a {@code token} that is null. */
    static void absolutize(JsonNode node, String base) {
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            if (obj.has("token") && obj.get("token").isNull()) {
                obj.remove("token");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                JsonNode v = e.getValue();
                if ((e.getKey().equals("uri") || e.getKey().equals("nextPageUri")) && v.isTextual()
                        && v.textValue().startsWith("/")) {
                    e.setValue(obj.textNode(base + v.textValue()));
                } else {
                    absolutize(v, base);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> absolutize(child, base));
        }
    }
}
