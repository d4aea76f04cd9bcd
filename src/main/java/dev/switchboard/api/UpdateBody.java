package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A PATCH body that tells "leave unchanged" (field absent) from "clear" (field present as
 * {@code null}). Immutable; serialises to exactly the fields that were set.
 */
public abstract class UpdateBody {
    private final ObjectNode fields;

    protected UpdateBody(ObjectNode fields) {
        this.fields = fields.deepCopy();
    }

    /** The JSON to send: only the fields that were set, {@code null} where a field is cleared. */
    @JsonValue
    public final ObjectNode toJson() {
        return fields.deepCopy();
    }

    /** True when nothing would change. */
    public final boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Whether {@code field} is set (to a value or to {@code null}). */
    public final boolean has(String field) {
        return fields.has(field);
    }

    /** Whether {@code field} is set to {@code null}, i.e. will be cleared. */
    public final boolean clears(String field) {
        JsonNode node = fields.get(field);
        return node != null && node.isNull();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && fields.equals(((UpdateBody) o).fields);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), fields);
    }

    /** Names the fields only: values may hold secrets (router key values). */
    @Override
    public final String toString() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            names.add(fields.get(name).isNull() ? name + "=<clear>" : name);
        }
        return getClass().getSimpleName() + names;
    }

    /** Collects the fields; subclasses add typed setters. */
    protected abstract static class Builder<B extends Builder<B>> {
        protected final ObjectNode fields = Json.mapper().createObjectNode();

        @SuppressWarnings("unchecked")
        protected final B self() {
            return (B) this;
        }

        protected final B set(String field, Object value) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": use clear" + Character.toUpperCase(field.charAt(0))
                        + field.substring(1) + "() to clear it");
            }
            fields.set(field, Json.mapper().valueToTree(value));
            return self();
        }

        protected final B clear(String field) {
            fields.putNull(field);
            return self();
        }
    }

    /** A builder for a resource's PATCH: every resource has a clearable description and metadata. */
    protected abstract static class ResourceBuilder<B extends ResourceBuilder<B>> extends Builder<B> {
        public B description(String description) {
            return set("description", description);
        }

        public B clearDescription() {
            return clear("description");
        }

        public B metadata(String metadata) {
            return set("metadata", metadata);
        }

        public B clearMetadata() {
            return clear("metadata");
        }
    }
}
