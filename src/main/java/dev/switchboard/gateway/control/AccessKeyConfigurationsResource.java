package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationList;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Ref;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.gateway.store.Page;
import dev.switchboard.gateway.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /access-key-configurations}: an allowlist plus a router. References to providers
 * and provider keys are checked; keys given as {@code {name, value}} in a router step are
 * created as provider keys in the same transaction and stored as {@code {id}}.
 */
final class AccessKeyConfigurationsResource extends CollectionResource {
    private static final Set<String> FIELDS = Set.of("name", "description", "metadata", "access", "router");
    private static final Set<String> ACCESS_FIELDS = Set.of("providers", "models");
    private static final Set<String> ALLOW_FIELDS = Set.of("allow");
    private static final Set<String> ROUTER_FIELDS = Set.of("rules");
    private static final Set<String> RULE_FIELDS = Set.of("provider", "model", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("type", "keys", "keySelectionStrategy");
    private static final Set<String> KEY_FIELDS = Set.of("id", "name", "value");
    private static final int ALLOW_ENTRY_MAX = 512;

    private record KeyInput(String path, String id, String name, String value) {
    }

    private record StepInput(List<KeyInput> keys) {
    }

    private record RuleInput(String path, String provider, String model, List<StepInput> steps) {
    }

    AccessKeyConfigurationsResource(Store store) {
        super(store);
    }

    @Override
    AccessKeyConfiguration get(String id) {
        return readBack(stored(id));
    }

    private AccessKeyConfiguration stored(String id) {
        return store.configurations().get(id).orElseThrow(() -> notFound("access key configuration", id));
    }

    /** As the API reads a configuration back: router step keys as {@code {id, name, keyRedacted}}. */
    private AccessKeyConfiguration readBack(AccessKeyConfiguration c) {
        if (c.router() == null || c.router().rules() == null) {
            return c;
        }
        List<RouterRule> rules = new ArrayList<>();
        for (RouterRule rule : c.router().rules()) {
            List<RouterStep> steps = new ArrayList<>();
            for (RouterStep step : rule.steps() == null ? List.<RouterStep>of() : rule.steps()) {
                List<StepKey> keys = new ArrayList<>();
                for (StepKey k : step.keys() == null ? List.<StepKey>of() : step.keys()) {
                    Optional<ProviderKey> key = store.providerKeys().get(k.id());
                    keys.add(StepKey.read(k.id(), key.map(ProviderKey::name).orElse(""),
                            key.map(ProviderKey::keyRedacted).orElse("")));
                }
                steps.add(new RouterStep(step.type(), keys, step.keySelectionStrategy()));
            }
            rules.add(new RouterRule(rule.provider(), rule.model(), steps));
        }
        return new AccessKeyConfiguration(c.id(), c.uri(), c.createdAt(), c.updatedAt(), c.createdBy(),
                c.lastUpdatedBy(), c.description(), c.metadata(), c.name(), c.access(), new Router(rules));
    }

    @Override
    Reply list(ControlCall call) {
        int limit = limit(call);
        String before = beforeId(call, "access key configuration", store.configurations()::exists);
        Page<AccessKeyConfiguration> page = store.configurations().list(limit, before);
        List<AccessKeyConfiguration> items = page.items().stream().map(this::readBack).toList();
        String next = nextPageUri(call, page.hasMore(), limit, items.isEmpty() ? null : items.get(items.size() - 1).id(),
                null);
        return Reply.of(200, new AccessKeyConfigurationList(items, call.requestUri(), next));
    }

    @Override
    Reply create(ControlCall call) {
        JsonFields f = JsonFields.of(call.body().get(), "", FIELDS);
        String name = f.requiredString("name", NAME_MAX);
        String description = description(f, null);
        String metadata = metadata(f, null);
        Access access = access(f);
        List<RuleInput> rules = rules(f);
        AccessKeyConfiguration created = store.write(() -> {
            checkAccess(access);
            Router router = rules == null ? null : resolveRouter(rules, call.actor());
            return readBack(store.configurations().insert(name, description, metadata, access, router,
                    call.actor()));
        });
        return Reply.of(201, created);
    }

    @Override
    Reply update(ControlCall call, String id) {
        JsonFields f = JsonFields.of(call.body().get(), "", FIELDS);
        String name = f.has("name") ? f.requiredString("name", NAME_MAX) : null;
        Access access = f.has("access") ? access(f) : null;
        List<RuleInput> rules = f.has("router") ? rules(f) : null;
        AccessKeyConfiguration updated = store.write(() -> {
            AccessKeyConfiguration c = stored(id);
            Access newAccess = c.access();
            if (f.has("access")) {
                checkAccess(access);
                newAccess = access;
            }
            Router router = c.router();
            if (f.has("router")) {
                router = rules == null ? null : resolveRouter(rules, call.actor());
            }
            return readBack(store.configurations().update(id, name != null ? name : c.name(),
                    description(f, c.description()), metadata(f, c.metadata()), newAccess, router, call.actor()));
        });
        return Reply.of(200, updated);
    }

    @Override
    Reply delete(String id) {
        store.write(() -> {
            AccessKeyConfiguration c = get(id);
            List<AccessKey> users = store.accessKeys().listByConfiguration(id);
            if (!users.isEmpty()) {
                List<String> ids = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (AccessKey k : users) {
                    ids.add(k.id());
                    labels.add("access key " + label(k.name(), k.id()));
                }
                throw ApiException.stillReferenced("Access key configuration " + label(c.name(), c.id())
                        + " is still used by " + String.join(", ", labels)
                        + ". Give those keys another configuration (or delete them) first.", ids);
            }
            return store.configurations().delete(id);
        });
        return Reply.noContent();
    }

    // ---- access (allowlist)

    /** The access field: null when left out or null (allow everything). */
    private static Access access(JsonFields f) {
        JsonFields a = f.object("access", ACCESS_FIELDS);
        if (a == null) {
            return null;
        }
        return new Access(allowList(a, "providers"), allowList(a, "models"));
    }

    private static AllowList allowList(JsonFields a, String dimension) {
        JsonFields l = a.object(dimension, ALLOW_FIELDS);
        if (l == null) {
            return null;
        }
        if (!l.has("allow") || l.isNull("allow")) {
            throw ApiException.required(l.pathOf("allow"));
        }
        List<JsonNode> items = l.array("allow");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = l.pathOf("allow") + "[" + i + "]";
            JsonNode v = items.get(i);
            if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > ALLOW_ENTRY_MAX) {
                throw ApiException.invalid(path, path + " must be a non-empty string of at most " + ALLOW_ENTRY_MAX
                        + " characters.");
            }
            out.add(v.textValue());
        }
        return new AllowList(out);
    }

    private void checkAccess(Access access) {
        if (access == null) {
            return;
        }
        if (access.providers() != null) {
            List<String> allow = access.providers().allow();
            for (int i = 0; i < allow.size(); i++) {
                String providerId = allow.get(i);
                if (store.providers().findByProviderId(providerId).isEmpty()) {
                    throw ApiException.missingReference("access.providers.allow[" + i + "]", "No provider with"
                            + " providerId '" + shorten(providerId) + "'. Create it first or remove it from the list.");
                }
            }
        }
        if (access.models() != null) {
            List<String> allow = access.models().allow();
            for (int i = 0; i < allow.size(); i++) {
                String path = "access.models.allow[" + i + "]";
                Optional<ModelRef> ref = ModelRef.parse(allow.get(i));
                if (ref.isEmpty()) {
                    throw ApiException.invalid(path, path + " must be provider:model, e.g. my-ollama:llama3.2.");
                }
                if (store.providers().findByProviderId(ref.get().provider()).isEmpty()) {
                    throw ApiException.missingReference(path, "No provider with providerId '"
                            + shorten(ref.get().provider()) + "' (from '" + shorten(allow.get(i))
                            + "'). Create it first or remove it from the list.");
                }
            }
        }
    }

    // ---- router

    /** The rules of the router field; null when the router is left out or null. */
    private static List<RuleInput> rules(JsonFields f) {
        JsonFields r = f.object("router", ROUTER_FIELDS);
        if (r == null) {
            return null;
        }
        List<JsonNode> items = r.array("rules");
        List<RuleInput> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonFields rule = JsonFields.of(items.get(i), "router.rules[" + i + "]", RULE_FIELDS);
            String provider = rule.optionalString("provider", 255);
            String model = rule.optionalString("model", ALLOW_ENTRY_MAX);
            if (model != null) {
                Optional<ModelRef> ref = ModelRef.parse(model);
                if (ref.isEmpty()) {
                    throw ApiException.invalid(rule.pathOf("model"), rule.pathOf("model")
                            + " must be provider:model, e.g. my-ollama:llama3.2.");
                }
                if (provider != null && !provider.equals(ref.get().provider())) {
                    throw ApiException.invalid(rule.pathOf("provider"), rule.pathOf("provider") + " ('" + provider
                            + "') does not match the provider of its model ('" + model + "').");
                }
                provider = ref.get().provider();
            }
            if (provider == null || provider.isEmpty()) {
                throw ApiException.required(rule.pathOf("provider"));
            }
            List<JsonNode> stepNodes = rule.array("steps");
            if (stepNodes.isEmpty()) {
                throw ApiException.invalid(rule.pathOf("steps"), rule.pathOf("steps")
                        + " must have at least one step.");
            }
            List<StepInput> steps = new ArrayList<>();
            for (int j = 0; j < stepNodes.size(); j++) {
                steps.add(step(JsonFields.of(stepNodes.get(j), rule.pathOf("steps") + "[" + j + "]", STEP_FIELDS)));
            }
            out.add(new RuleInput("router.rules[" + i + "]", provider, model, steps));
        }
        return out;
    }

    private static StepInput step(JsonFields step) {
        String type = step.optionalString("type", 32);
        if (type != null && !type.equals(RouterStep.TYPE_USER)) {
            throw ApiException.invalid(step.pathOf("type"), step.pathOf("type") + " must be 'user'.");
        }
        String strategy = step.optionalString("keySelectionStrategy", 32);
        if (strategy != null && !strategy.equals(RouterStep.ORDERED)) {
            throw ApiException.invalid(step.pathOf("keySelectionStrategy"), step.pathOf("keySelectionStrategy")
                    + " must be 'ordered'.");
        }
        List<JsonNode> keyNodes = step.array("keys");
        if (keyNodes.isEmpty()) {
            throw ApiException.invalid(step.pathOf("keys"), step.pathOf("keys") + " must list at least one key,"
                    + " as {\"id\": \"aigpk_...\"} or {\"name\": \"...\", \"value\": \"...\"}.");
        }
        List<KeyInput> keys = new ArrayList<>();
        for (int k = 0; k < keyNodes.size(); k++) {
            JsonFields key = JsonFields.of(keyNodes.get(k), step.pathOf("keys") + "[" + k + "]", KEY_FIELDS);
            String id = key.optionalString("id", 255);
            if (id != null) {
                if (key.has("value") || key.has("name")) {
                    throw ApiException.invalid(key.pathOf("id"), "Give a key either as {\"id\"} or as {\"name\","
                            + " \"value\"}, not both.");
                }
                keys.add(new KeyInput(key.pathOf("id"), id, null, null));
            } else {
                if (!key.has("value")) {
                    throw ApiException.required(key.pathOf("id"));
                }
                String name = key.optionalString("name", NAME_MAX);
                String value = ProviderKeysResource.checkValue(key, "value");
                keys.add(new KeyInput(key.pathOf("value"), null, name, value));
            }
        }
        return new StepInput(keys);
    }

    /** Checks references and creates inline keys; runs inside the write transaction. */
    private Router resolveRouter(List<RuleInput> rules, Ref actor) {
        Set<String> providerRules = new HashSet<>();
        Set<String> modelRules = new HashSet<>();
        List<RouterRule> out = new ArrayList<>();
        for (RuleInput rule : rules) {
            String path = rule.path();
            if (store.providers().findByProviderId(rule.provider()).isEmpty()) {
                throw ApiException.missingReference(path + (rule.model() != null ? ".model" : ".provider"),
                        "No provider with providerId '" + shorten(rule.provider()) + "'. Create it first.");
            }
            if (rule.model() == null ? !providerRules.add(rule.provider()) : !modelRules.add(rule.model())) {
                throw ApiException.invalid(path, rule.model() == null
                        ? "There is more than one rule for provider '" + rule.provider() + "'; merge them into one."
                        : "There is more than one rule for model '" + rule.model() + "'; merge them into one.");
            }
            List<RouterStep> steps = new ArrayList<>();
            for (StepInput step : rule.steps()) {
                List<StepKey> keys = new ArrayList<>();
                for (KeyInput key : step.keys()) {
                    if (key.id() != null) {
                        ProviderKey existing = store.providerKeys().get(key.id()).orElseThrow(() ->
                                ApiException.missingReference(key.path(), "No provider key with id '"
                                        + shorten(key.id()) + "'."));
                        if (!existing.providerId().equals(rule.provider())) {
                            throw ApiException.invalid(key.path(), "Provider key " + existing.id()
                                    + " belongs to provider '" + existing.providerId() + "', not '" + rule.provider()
                                    + "'.");
                        }
                        keys.add(StepKey.existing(existing.id()));
                    } else {
                        ProviderKey created = store.providerKeys().insert(rule.provider(), key.name(), null, null,
                                key.value(), actor);
                        keys.add(StepKey.existing(created.id()));
                    }
                }
                steps.add(RouterStep.ordered(keys));
            }
            out.add(new RouterRule(rule.provider(), rule.model(), steps));
        }
        return new Router(out);
    }
}
