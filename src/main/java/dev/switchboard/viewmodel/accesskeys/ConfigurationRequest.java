package dev.switchboard.viewmodel.accesskeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.Json;
import dev.switchboard.api.Router;

/**
 * The body the editor sends: on create, only what is set; on update (PATCH), {@code access} and
 * {@code router} always, since a field left out would stay unchanged and {@code null} clears it.
 */
public record ConfigurationRequest(String name, String description, Access access, Router router) {
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    public ObjectNode toJson(boolean update) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name);
        if (description != null && !description.isEmpty()) {
            body.put("description", description);
        } else if (update) {
            body.putNull("description");
        }
        if (access != null) {
            body.set("access", mapper.valueToTree(access));
        } else if (update) {
            body.putNull("access");
        }
        if (router != null) {
            body.set("router", mapper.valueToTree(router.forWrite()));
        } else if (update) {
            body.putNull("router");
        }
        return body;
    }

    /** Pretty JSON, one array element per line so the line diff shows single entries. */
    public String toPrettyJson(boolean update) {
        try {
            return Json.mapper().writer(PRINTER).writeValueAsString(toJson(update));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }
}
