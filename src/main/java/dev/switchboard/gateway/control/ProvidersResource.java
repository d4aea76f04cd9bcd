package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.PlainHttpHosts;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderList;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.SupportedParam;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.store.Page;
import dev.switchboard.gateway.store.ProviderRepository;
import dev.switchboard.gateway.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /providers}: custom providers. */
final class ProvidersResource extends CollectionResource {
    static final Set<String> RESERVED_IDS = Set.of("openai", "anthropic");
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> FIELDS = Set.of("providerId", "name", "baseUrl", "supportedApiSurfaces",
            "models", "metadata");
    private static final Set<String> SURFACE_FIELDS = Set.of("format", "surface", "supportedParams");
    private static final Set<String> PARAM_FIELDS = Set.of("name");
    private static final Set<String> MODEL_FIELDS = Set.of("modelId", "id");
    private static final int BASE_URL_MAX = 2048;
    private static final int MODEL_ID_MAX = 255;

    ProvidersResource(Store store) {
        super(store);
    }

    @Override
    Provider get(String id) {
        return store.providers().get(id).orElseThrow(() -> notFound("provider", id));
    }

    @Override
    Reply list(ControlCall call) {
        int limit = limit(call);
        String before = beforeId(call, "provider", store.providers()::exists);
        Page<Provider> page = store.providers().list(limit, before);
        List<Provider> items = page.items();
        String next = nextPageUri(call, page.hasMore(), limit, items.isEmpty() ? null : items.get(items.size() - 1).id(),
                null);
        return Reply.of(200, new ProviderList(items, call.requestUri(), next));
    }

    @Override
    Reply create(ControlCall call) {
        JsonFields f = JsonFields.of(call.body().get(), "", FIELDS);
        String providerId = checkProviderId(f.requiredString("providerId", 255));
        String baseUrl = checkBaseUrl(f.requiredString("baseUrl", BASE_URL_MAX));
        String name = nameOrId(f.optionalString("name", NAME_MAX), providerId);
        String metadata = metadata(f, null);
        List<ApiSurface> surfaces = f.raw("supportedApiSurfaces") == null || f.isNull("supportedApiSurfaces")
                ? List.of(ApiSurface.openAiChat()) : surfaces(f);
        List<ProviderModel> models = models(f, List.of());
        Provider created = store.write(() -> {
            store.providers().findByProviderId(providerId).ifPresent(existing -> {
                throw ApiException.alreadyExists("providerId", "A provider with providerId '" + providerId
                        + "' already exists (" + existing.id() + "). Choose another providerId or change that"
                        + " provider.");
            });
            return store.providers().insert(new Provider(null, null, null, null, call.actor(), call.actor(),
                    metadata, providerId, name, baseUrl, surfaces, models));
        });
        return Reply.of(201, created);
    }

    @Override
    Reply update(ControlCall call, String id) {
        JsonFields f = JsonFields.of(call.body().get(), "", FIELDS);
        Provider updated = store.write(() -> {
            Provider p = get(id);
            if (f.has("providerId") && !p.providerId().equals(f.string("providerId"))) {
                throw ApiException.immutable("providerId", "providerId cannot be changed after create (it is '"
                        + p.providerId() + "'). Create a new provider instead.");
            }
            String name = f.has("name") ? nameOrId(f.optionalString("name", NAME_MAX), p.providerId()) : p.name();
            String baseUrl = p.baseUrl();
            if (f.has("baseUrl")) {
                baseUrl = checkBaseUrl(f.requiredString("baseUrl", BASE_URL_MAX));
            }
            List<ApiSurface> surfaces = p.supportedApiSurfaces();
            if (f.has("supportedApiSurfaces")) {
                if (f.isNull("supportedApiSurfaces")) {
                    throw ApiException.invalid("supportedApiSurfaces",
                            "supportedApiSurfaces cannot be cleared; list at least one surface.");
                }
                surfaces = surfaces(f);
            }
            List<ProviderModel> models = f.has("models") ? models(f, p.models()) : p.models();
            return store.providers().update(new Provider(p.id(), p.uri(), p.createdAt(), p.updatedAt(),
                    p.createdBy(), call.actor(), metadata(f, p.metadata()),
                    p.providerId(), name, baseUrl, surfaces, models));
        });
        return Reply.of(200, updated);
    }

    /** The schema requires a name: a provider created (or cleared) without one is named by its providerId. */
    private static String nameOrId(String name, String providerId) {
        return name == null ? providerId : name;
    }

    @Override
    Reply delete(String id) {
        store.write(() -> {
            Provider p = get(id);
            List<String> ids = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (ProviderKey k : store.providerKeys().listForProvider(p.providerId())) {
                ids.add(k.id());
                labels.add("provider key " + label(k.name(), k.id()));
            }
            for (AccessKeyConfiguration c : store.configurations().listAll()) {
                if (refersTo(c, p.providerId())) {
                    ids.add(c.id());
                    labels.add("access key configuration " + label(c.name(), c.id()));
                }
            }
            if (!ids.isEmpty()) {
                throw ApiException.stillReferenced("Provider " + p.providerId() + " is still used by "
                        + String.join(", ", labels) + ". Delete or change those first.", ids);
            }
            return store.providers().delete(id);
        });
        return Reply.noContent();
    }

    static boolean refersTo(AccessKeyConfiguration c, String providerId) {
        if (c.access() != null) {
            if (c.access().providers() != null && c.access().providers().allow() != null
                    && c.access().providers().allow().contains(providerId)) {
                return true;
            }
            if (c.access().models() != null && c.access().models().allow() != null) {
                for (String m : c.access().models().allow()) {
                    if (ModelRef.parse(m).map(r -> r.provider().equals(providerId)).orElse(false)) {
                        return true;
                    }
                }
            }
        }
        if (c.router() != null && c.router().rules() != null) {
            for (RouterRule r : c.router().rules()) {
                if (providerId.equals(r.provider())
                        || ModelRef.parse(r.model()).map(m -> m.provider().equals(providerId)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String checkProviderId(String id) {
        if (id.indexOf(':') >= 0) {
            throw ApiException.invalid("providerId", "providerId must not contain ':' (it separates provider and"
                    + " model in provider:model). Use lower-case letters, digits and '-'.");
        }
        if (!PROVIDER_ID.matcher(id).matches()) {
            throw ApiException.invalid("providerId", "providerId may contain only lower-case letters, digits and"
                    + " '-' (e.g. 'my-ollama').");
        }
        if (RESERVED_IDS.contains(id)) {
            throw ApiException.invalid("providerId", "providerId '" + id + "' is reserved for the built-in provider;"
                    + " choose another, e.g. 'my-" + id + "'.");
        }
        return id;
    }

    static String checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("baseUrl", "baseUrl is not a valid URL (" + e.getReason()
                    + "); write it like https://models.example.com/v1 or http://localhost:11434.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.invalid("baseUrl", "baseUrl must start with https:// (or http:// for hosts ending"
                    + " in .internal and loopback addresses).");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw ApiException.invalid("baseUrl", "baseUrl has no host; write it like https://models.example.com.");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("baseUrl", "baseUrl must not contain a user name or password; store the"
                    + " credential as a provider key instead.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiException.invalid("baseUrl", "baseUrl must not have a query (?...) or fragment (#...); the"
                    + " gateway appends the API path to it.");
        }
        if (scheme.equals("http") && !PlainHttpHosts.isInternalOrLoopback(host)) {
            throw ApiException.invalid("baseUrl", "baseUrl must use https:// unless the host ends in .internal or"
                    + " is a loopback address (localhost, 127.0.0.0/8, [::1]).");
        }
        return url;
    }

    private static List<ApiSurface> surfaces(JsonFields f) {
        List<JsonNode> items = f.array("supportedApiSurfaces");
        if (items.isEmpty()) {
            throw ApiException.invalid("supportedApiSurfaces", "supportedApiSurfaces must list at least one surface,"
                    + " e.g. {\"format\": \"openai\", \"surface\": \"chat-completions\"}.");
        }
        List<ApiSurface> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "supportedApiSurfaces[" + i + "]";
            JsonFields s = JsonFields.of(items.get(i), path, SURFACE_FIELDS);
            String format = s.requiredString("format", 32);
            String surface = s.requiredString("surface", 32);
            if (!format.equals(ApiSurface.FORMAT_OPENAI) && !format.equals(ApiSurface.FORMAT_ANTHROPIC)) {
                throw ApiException.invalid(s.pathOf("format"), s.pathOf("format")
                        + " must be 'openai' or 'anthropic'.");
            }
            if (!Set.of(ApiSurface.CHAT_COMPLETIONS, ApiSurface.RESPONSES, ApiSurface.MESSAGES).contains(surface)) {
                throw ApiException.invalid(s.pathOf("surface"), s.pathOf("surface")
                        + " must be 'chat-completions', 'responses' or 'messages'.");
            }
            if (format.equals(ApiSurface.FORMAT_ANTHROPIC) != surface.equals(ApiSurface.MESSAGES)) {
                throw ApiException.invalid(s.pathOf("surface"), "Surface 'messages' goes with format 'anthropic';"
                        + " 'chat-completions' and 'responses' go with format 'openai'.");
            }
            if (!seen.add(format + "/" + surface)) {
                throw ApiException.invalid(path, "The surface " + format + "/" + surface + " is listed twice.");
            }
            List<SupportedParam> params = null;
            if (s.has("supportedParams") && !s.isNull("supportedParams")) {
                params = new ArrayList<>();
                List<JsonNode> ps = s.array("supportedParams");
                for (int j = 0; j < ps.size(); j++) {
                    JsonFields p = JsonFields.of(ps.get(j), s.pathOf("supportedParams") + "[" + j + "]", PARAM_FIELDS);
                    params.add(new SupportedParam(p.requiredString("name", 255)));
                }
            }
            out.add(new ApiSurface(format, surface, params));
        }
        return out;
    }

    /** The models list; a modelId already present keeps its id. */
    private static List<ProviderModel> models(JsonFields f, List<ProviderModel> current) {
        List<JsonNode> items = f.array("models");
        Map<String, String> existingIds = new HashMap<>();
        for (ProviderModel m : current) {
            existingIds.put(m.modelId(), m.id());
        }
        List<ProviderModel> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonFields m = JsonFields.of(items.get(i), "models[" + i + "]", MODEL_FIELDS);
            String modelId = m.requiredString("modelId", MODEL_ID_MAX);
            if (!seen.add(modelId)) {
                throw ApiException.invalid(m.pathOf("modelId"), "The model '" + modelId
                        + "' is listed twice; model ids must be unique within a provider.");
            }
            String id = existingIds.get(modelId);
            out.add(new ProviderModel(id != null ? id : AccessTokens.newId(ProviderRepository.MODEL_ID_PREFIX),
                    modelId));
        }
        return out;
    }
}
