package dev.switchboard.viewmodel.logs;

import dev.switchboard.api.UsageEvent;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.NotFoundException;
import dev.switchboard.client.Usage;
import java.util.List;
import java.util.function.Function;

/**
 * Where the Logs page reads requests from: the embedded gateway's {@code /usage/requests} extension
 * (latency, time to first token, surfaces, error text, dropped parameters, stopped requests), or, from a
 * gateway that answers it with 404 (the hosted one), the schema's {@code /usage} events with only
 * what they tell. Remembers per client which one answered, so a hosted gateway is asked once.
 */
final class RequestLogSource {
    private volatile GatewayClient withoutExtension;

    /** Up to {@code max} matching rows, newest first. */
    List<UsageEvent> all(GatewayClient c, Usage.Query query, int max) {
        return read(c, u -> u.requests(query).stream().limit(max).toList(),
                u -> u.list(query).stream().limit(max).map(UsageEvent::of).toList());
    }

    /** The newest page of matching rows. */
    List<UsageEvent> newest(GatewayClient c, Usage.Query query) {
        return read(c, u -> u.requestsPage(query).items(),
                u -> u.page(query).items().stream().map(UsageEvent::of).toList());
    }

    /** Whether the last rows read from {@code c} came from the schema only (no latency, surfaces, errors...). */
    boolean schemaOnly(GatewayClient c) {
        return c != null && c == withoutExtension;
    }

    private List<UsageEvent> read(GatewayClient c, Function<Usage, List<UsageEvent>> extension,
                                  Function<Usage, List<UsageEvent>> schema) {
        if (c != withoutExtension) {
            try {
                return extension.apply(c.usage());
            } catch (NotFoundException e) {
                withoutExtension = c;
            }
        }
        return schema.apply(c.usage());
    }
}
