package dev.switchboard.api;

import java.util.List;

/** One page of {@code GET /provider-keys}. */
public record ProviderKeyList(List<ProviderKey> aiGatewayProviderKeys, String uri, String nextPageUri) {
}
