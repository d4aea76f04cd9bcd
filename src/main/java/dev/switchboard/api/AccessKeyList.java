package dev.switchboard.api;

import java.util.List;

/** One page of {@code GET /access-keys}. */
public record AccessKeyList(List<AccessKey> aiGatewayAccessKeys, String uri, String nextPageUri) {
}
