package dev.switchboard.api;

import java.util.List;

/** One page of {@code GET /providers}. */
public record ProviderList(List<Provider> aiGatewayProviders, String uri, String nextPageUri) {
}
