package dev.switchboard.api;

import java.util.List;

/** One page of {@code GET /access-key-configurations}. */
public record AccessKeyConfigurationList(List<AccessKeyConfiguration> aiGatewayAccessKeyConfigurations, String uri,
                                         String nextPageUri) {
}
