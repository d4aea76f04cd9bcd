package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The allowlist of a configuration. A dimension left out (null) is unrestricted;
 * model entries are {@code provider:model}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Access(AllowList providers, AllowList models) {
}
