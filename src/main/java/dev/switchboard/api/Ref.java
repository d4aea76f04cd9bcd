package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to another resource, as the API embeds it: {@code {id, uri}} (createdBy, lastUpdatedBy)
 * and, for an access key's configuration only, {@code name}; a null name is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ref(String id, String uri, String name) {

    /** {@code {id, uri}}: the schema's Ref. */
    public static Ref of(String id, String uri) {
        return new Ref(id, uri, null);
    }
}
