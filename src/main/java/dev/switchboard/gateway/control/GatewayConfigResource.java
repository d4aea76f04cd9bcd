package dev.switchboard.gateway.control;

import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GoDurations;
import dev.switchboard.gateway.store.Store;
import java.util.Set;

/** {@code /gateway-config}: the singleton with the gateway-wide timeouts and token caps. */
final class GatewayConfigResource extends Resource {
    private static final Set<String> FIELDS = Set.of("totalTimeout", "perRequestTimeout", "maxInputTokens",
            "maxOutputTokens", "metadata");

    GatewayConfigResource(Store store) {
        super(store);
    }

    @Override
    Reply handle(ControlCall call) {
        if (call.segments().size() != 1) {
            throw ApiException.notFound("No such path: " + call.path());
        }
        allow(call, "GET", "HEAD", "PATCH");
        if (call.method().equals("PATCH")) {
            return update(call);
        }
        return Reply.of(200, store.gatewayConfig().get());
    }

    private Reply update(ControlCall call) {
        JsonFields f = JsonFields.of(call.body().get(), "", FIELDS);
        String total = f.has("totalTimeout") ? duration(f, "totalTimeout") : null;
        String perRequest = f.has("perRequestTimeout") ? duration(f, "perRequestTimeout") : null;
        Long maxIn = f.optionalPositiveLong("maxInputTokens");
        Long maxOut = f.optionalPositiveLong("maxOutputTokens");
        GatewayConfig updated = store.write(() -> {
            GatewayConfig c = store.gatewayConfig().get();
            GatewayConfig next = new GatewayConfig(c.accountId(), c.uri(),
                    total != null ? total : c.totalTimeout(),
                    perRequest != null ? perRequest : c.perRequestTimeout(),
                    f.has("maxInputTokens") ? maxIn : c.maxInputTokens(),
                    f.has("maxOutputTokens") ? maxOut : c.maxOutputTokens(),
                    metadata(f, c.metadata()));
            if (GoDurations.parse(next.perRequestTimeout()).compareTo(GoDurations.parse(next.totalTimeout())) > 0) {
                throw ApiException.invalid(perRequest != null ? "perRequestTimeout" : "totalTimeout",
                        "perRequestTimeout (" + next.perRequestTimeout() + ") must not be longer than totalTimeout ("
                                + next.totalTimeout() + ").");
            }
            return store.gatewayConfig().put(next);
        });
        return Reply.of(200, updated);
    }

    private static String duration(JsonFields f, String field) {
        if (f.isNull(field)) {
            throw ApiException.invalid(field, field + " cannot be cleared; give a duration such as 30s, 2m or 1m30s.");
        }
        String text = f.requiredString(field, GoDurations.MAX_TIMEOUT_LENGTH);
        GoDurations.timeoutProblem(text).ifPresent(problem -> {
            throw ApiException.invalid(field, field + " '" + shorten(text) + "' " + problem);
        });
        return text;
    }
}
