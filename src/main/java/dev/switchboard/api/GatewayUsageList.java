package dev.switchboard.api;

import java.util.List;

/** One page of {@code GET /usage}, newest first. */
public record GatewayUsageList(List<GatewayUsageEvent> aiGatewayUsage, String uri, String nextPageUri) {
}
