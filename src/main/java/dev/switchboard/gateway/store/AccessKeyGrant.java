package dev.switchboard.gateway.store;

/**
 * What the data plane needs to know about a presented token: which access key it is and
 * which configuration applies ({@code configurationId} null = none: no custom provider).
 */
public record AccessKeyGrant(String accessKeyId, String configurationId) {
}
