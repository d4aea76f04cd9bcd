package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An access key configuration, named by its name. {@code access} left out (or with neither dimension)
 * allows everything, as on the API; {@code router} left out has no rules.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "description", "metadata", "access", "router"})
public record ConfigurationEntry(String name, String description, String metadata, AccessEntry access,
                                 RouterEntry router) {
    public ConfigurationEntry {
        Entries.required(name, "an access key configuration's name");
        if (access != null && access.providers() == null && access.models() == null) {
            access = null;
        }
        if (router != null && router.rules().isEmpty()) {
            router = null;
        }
    }

    public List<RuleEntry> rules() {
        return router == null ? List.of() : router.rules();
    }

    /** The same configuration with its rules in file order. */
    public ConfigurationEntry sorted() {
        return router == null ? this : withRouter(router.sorted());
    }

    public ConfigurationEntry withRouter(RouterEntry newRouter) {
        return new ConfigurationEntry(name, description, metadata, access, newRouter);
    }
}
