package dev.switchboard.gateway.control;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyList;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.gateway.store.Page;
import dev.switchboard.gateway.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /provider-keys}: provider credentials; values go in, never come out. */
final class ProviderKeysResource extends CollectionResource {
    static final int VALUE_MAX = 8192;
    private static final Set<String> CREATE_FIELDS = Set.of("providerId", "name", "value", "description", "metadata");
    private static final Set<String> ROTATE_FIELDS = Set.of("name", "value");

    ProviderKeysResource(Store store) {
        super(store);
    }

    @Override
    Reply subresource(ControlCall call, List<String> s) {
        if (s.size() == 3 && s.get(2).equals("rotate")) {
            allow(call, "POST");
            return rotate(call, s.get(1));
        }
        return super.subresource(call, s);
    }

    @Override
    ProviderKey get(String id) {
        return store.providerKeys().get(id).orElseThrow(() -> notFound("provider key", id));
    }

    @Override
    Reply list(ControlCall call) {
        int limit = limit(call);
        String before = beforeId(call, "provider key", store.providerKeys()::exists);
        String provider = call.query().get("provider");
        if (provider != null && provider.isEmpty()) {
            provider = null;
        }
        Page<ProviderKey> page = store.providerKeys().list(limit, before, provider);
        List<ProviderKey> items = page.items();
        String next = nextPageUri(call, page.hasMore(), limit, items.isEmpty() ? null : items.get(items.size() - 1).id(),
                provider == null ? null : "provider=" + encode(provider));
        return Reply.of(200, new ProviderKeyList(items, call.requestUri(), next));
    }

    /** A key value: 1..8192 characters, no line breaks or control characters (it goes into a header). */
    static String checkValue(JsonFields f, String field) {
        String value = f.requiredString(field, VALUE_MAX);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw ApiException.invalid(f.pathOf(field), "The " + f.pathOf(field)
                        + " field must not contain line breaks or other control characters.");
            }
        }
        if (value.isBlank()) {
            throw ApiException.invalid(f.pathOf(field), "The " + f.pathOf(field) + " field must not be blank.");
        }
        return value;
    }

    @Override
    Reply create(ControlCall call) {
        JsonFields f = JsonFields.of(call.body().get(), "", CREATE_FIELDS);
        String providerId = f.requiredString("providerId", 255);
        String name = f.optionalString("name", NAME_MAX);
        String value = checkValue(f, "value");
        String description = description(f, null);
        String metadata = metadata(f, null);
        ProviderKey created = store.write(() -> {
            if (store.providers().findByProviderId(providerId).isEmpty()) {
                throw ApiException.missingReference("providerId", "No provider with providerId '" + shorten(providerId)
                        + "'. Create the provider first (POST /providers).");
            }
            return store.providerKeys().insert(providerId, name, description, metadata, value, call.actor());
        });
        return Reply.of(201, created);
    }

    @Override
    Reply update(ControlCall call, String id) {
        JsonFields f = JsonFields.of(call.body().get(), "", CREATE_FIELDS);
        if (f.has("value")) {
            throw ApiException.immutable("value", "A provider key's value cannot be changed with PATCH; use"
                    + " POST /provider-keys/" + id + "/rotate.");
        }
        ProviderKey updated = store.write(() -> {
            ProviderKey k = get(id);
            if (f.has("providerId") && !k.providerId().equals(f.string("providerId"))) {
                throw ApiException.immutable("providerId", "A provider key's providerId cannot be changed; create a"
                        + " key for the other provider instead.");
            }
            String name = f.has("name") ? f.optionalString("name", NAME_MAX) : k.name();
            return store.providerKeys().update(new ProviderKey(k.id(), k.uri(), k.createdAt(), k.updatedAt(),
                    k.createdBy(), call.actor(), description(f, k.description()), metadata(f, k.metadata()),
                    k.providerId(), name, k.keyRedacted(), k.lastUsed()));
        });
        return Reply.of(200, updated);
    }

    private Reply rotate(ControlCall call, String id) {
        JsonFields f = JsonFields.of(call.body().get(), "", ROTATE_FIELDS);
        String name = f.optionalString("name", NAME_MAX);
        String value = checkValue(f, "value");
        ProviderKey rotated = store.write(() -> {
            get(id);
            return store.providerKeys().rotate(id, name, value, call.actor());
        });
        return Reply.of(200, rotated);
    }

    @Override
    Reply delete(String id) {
        store.write(() -> {
            ProviderKey k = get(id);
            List<String> ids = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (AccessKeyConfiguration c : store.configurations().listAll()) {
                if (usesKey(c, id)) {
                    ids.add(c.id());
                    labels.add("access key configuration " + label(c.name(), c.id()));
                }
            }
            if (!ids.isEmpty()) {
                throw ApiException.stillReferenced("Provider key " + label(k.name(), k.id()) + " is still used by "
                        + String.join(", ", labels) + ". Remove it from their router first.", ids);
            }
            return store.providerKeys().delete(id);
        });
        return Reply.noContent();
    }

    static boolean usesKey(AccessKeyConfiguration c, String keyId) {
        if (c.router() == null || c.router().rules() == null) {
            return false;
        }
        for (RouterRule r : c.router().rules()) {
            for (RouterStep step : r.steps() == null ? List.<RouterStep>of() : r.steps()) {
                for (StepKey k : step.keys() == null ? List.<StepKey>of() : step.keys()) {
                    if (keyId.equals(k.id())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
