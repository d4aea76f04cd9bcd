package dev.switchboard.gateway.control;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyList;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.store.Page;
import dev.switchboard.gateway.store.Store;
import java.util.List;
import java.util.Set;

/** {@code /access-keys}: data-plane credentials; the token is shown once, by create. */
final class AccessKeysResource extends CollectionResource {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "description", "metadata",
            "accessKeyConfigurationId");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "description", "metadata",
            "accessKeyConfigurationId", "token");

    AccessKeysResource(Store store) {
        super(store);
    }

    @Override
    AccessKey get(String id) {
        return store.accessKeys().get(id).orElseThrow(() -> notFound("access key", id));
    }

    @Override
    Reply list(ControlCall call) {
        int limit = limit(call);
        String before = beforeId(call, "access key", store.accessKeys()::exists);
        Page<AccessKey> page = store.accessKeys().list(limit, before);
        List<AccessKey> items = page.items();
        String next = nextPageUri(call, page.hasMore(), limit, items.isEmpty() ? null : items.get(items.size() - 1).id(),
                null);
        return Reply.of(200, new AccessKeyList(items, call.requestUri(), next));
    }

    private String checkConfiguration(String configurationId) {
        if (configurationId != null && !store.configurations().exists(configurationId)) {
            throw ApiException.missingReference("accessKeyConfigurationId", "No access key configuration with id '"
                    + shorten(configurationId) + "'. Create it first (POST /access-key-configurations); a key sent"
                    + " with null has no configuration and calls no custom provider.");
        }
        return configurationId;
    }

    @Override
    Reply create(ControlCall call) {
        JsonFields f = JsonFields.of(call.body().get(), "", CREATE_FIELDS);
        String name = f.optionalString("name", NAME_MAX);
        String description = description(f, null);
        String metadata = metadata(f, null);
        String configurationId = f.optionalString("accessKeyConfigurationId", 255);
        String token = AccessTokens.newToken();
        AccessKey created = store.write(() -> store.accessKeys().insert(name, description, metadata,
                checkConfiguration(configurationId), token, call.actor()));
        return Reply.of(201, new AccessKey(created.id(), created.uri(), created.createdAt(), created.updatedAt(),
                created.createdBy(), created.lastUpdatedBy(), created.description(), created.metadata(),
                created.name(), token, created.keyRedacted(), created.lastUsed(), created.accessKeyConfiguration()));
    }

    @Override
    Reply update(ControlCall call, String id) {
        JsonFields f = JsonFields.of(call.body().get(), "", UPDATE_FIELDS);
        if (f.has("token")) {
            throw ApiException.immutable("token", "An access key's token cannot be changed; create a new access key"
                    + " and delete this one.");
        }
        AccessKey updated = store.write(() -> {
            AccessKey k = get(id);
            String name = f.has("name") ? f.optionalString("name", NAME_MAX) : k.name();
            String configurationId = k.accessKeyConfiguration() == null ? null : k.accessKeyConfiguration().id();
            if (f.has("accessKeyConfigurationId")) {
                configurationId = checkConfiguration(f.optionalString("accessKeyConfigurationId", 255));
            }
            return store.accessKeys().update(id, name, description(f, k.description()), metadata(f, k.metadata()),
                    configurationId, call.actor());
        });
        return Reply.of(200, updated);
    }

    @Override
    Reply delete(String id) {
        store.write(() -> {
            get(id);
            return store.accessKeys().delete(id);
        });
        return Reply.noContent();
    }
}
