package dev.switchboard.transfer;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyUpdate;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.api.SupportedParam;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan's changes to the gateway it was made against, one call each, in the plan's order.
 * Stops at the first failure and reports exactly what was applied and what was not.
 */
public final class Applier {
    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

    /** Told before each change is applied ({@code done} of {@code total} are done). */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, Change next);
    }

    private final GatewayClient client;
    private final Plan plan;
    private final Map<String, String> keyIds = new HashMap<>();

    private Applier(GatewayClient client, Plan plan) {
        this.client = client;
        this.plan = plan;
        plan.target().providerKeys().forEach(k -> keyIds.put(k.providerId() + "/" + k.name(), k.id()));
    }

    /** Blocking: one control-plane call per change. Run it off the FX thread. */
    public static ApplyReport apply(Plan plan, GatewayClient client, Progress progress) {
        return new Applier(client, plan).run(progress);
    }

    private ApplyReport run(Progress progress) {
        List<Change> todo = plan.writes();
        List<Change> applied = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Change change = todo.get(i);
            progress.step(i, todo.size(), change);
            try {
                apply(change);
                applied.add(change);
                LOG.debug("Applied: {}", change.describe());
            } catch (RuntimeException e) {
                // whatever went wrong, the report still says exactly what was applied before it
                LOG.warn("Failed: {}: {}", change.describe(), e.getMessage());
                String why = e instanceof GatewayException g && g.status() > 0 ? g.status() + " " + e.getMessage()
                        : e.getMessage();
                return new ApplyReport(applied, change, why, todo.subList(i + 1, todo.size()));
            }
        }
        progress.step(todo.size(), todo.size(), null);
        return new ApplyReport(applied, null, null, List.of());
    }

    private void apply(Change c) {
        switch (c.kind()) {
            case GATEWAY_SETTINGS -> applySettings((GatewaySettings) c.after());
            case PROVIDER -> applyProvider(c);
            case PROVIDER_KEY -> applyKey(c);
            case CONFIGURATION -> applyConfiguration(c);
        }
    }

    private void applySettings(GatewaySettings s) {
        GatewayConfigUpdate.Builder b = GatewayConfigUpdate.builder();
        if (s.totalTimeout() != null) {
            b.totalTimeout(s.totalTimeout());
        }
        if (s.perRequestTimeout() != null) {
            b.perRequestTimeout(s.perRequestTimeout());
        }
        if (s.maxInputTokens() != null) {
            b.maxInputTokens(s.maxInputTokens());
        } else {
            b.clearMaxInputTokens();
        }
        if (s.maxOutputTokens() != null) {
            b.maxOutputTokens(s.maxOutputTokens());
        } else {
            b.clearMaxOutputTokens();
        }
        client.updateGatewayConfig(b.build());
    }

    private void applyProvider(Change c) {
        switch (c.action()) {
            case CREATE -> {
                ProviderEntry p = (ProviderEntry) c.after();
                ProviderCreate create = ProviderCreate.of(p.providerId(), p.name(), p.baseUrl(), surfaces(p),
                        p.models());
                client.providers().create(p.metadata() == null ? create : create.withMetadata(p.metadata()));
            }
            case UPDATE -> {
                ProviderEntry p = (ProviderEntry) c.after();
                ProviderUpdate.Builder b = ProviderUpdate.builder().name(p.name()).baseUrl(p.baseUrl())
                        .supportedApiSurfaces(surfaces(p)).modelIds(p.models());
                client.providers().update(providerId(c.name()), (p.metadata() == null ? b.clearMetadata()
                        : b.metadata(p.metadata())).build());
            }
            case DELETE -> client.providers().delete(providerId(c.name()));
            default -> throw new IllegalStateException("nothing to do for " + c.describe());
        }
    }

    private void applyKey(Change c) {
        switch (c.action()) {
            case CREATE -> {
                ProviderKeyEntry k = (ProviderKeyEntry) c.after();
                String value = plan.secretValues().get(k.label());
                if (value == null) {
                    throw new IllegalStateException("no value for provider key " + k.label());
                }
                ProviderKey created = client.providerKeys().create(new ProviderKeyCreate(k.provider(), k.name(),
                        value, k.description(), k.metadata()));
                keyIds.put(k.label(), created.id());
            }
            case UPDATE -> {
                ProviderKeyEntry k = (ProviderKeyEntry) c.after();
                ProviderKeyUpdate.Builder b = ProviderKeyUpdate.builder();
                b = k.description() == null ? b.clearDescription() : b.description(k.description());
                b = k.metadata() == null ? b.clearMetadata() : b.metadata(k.metadata());
                client.providerKeys().update(keyId(c.name()), b.build());
            }
            case DELETE -> client.providerKeys().delete(keyId(c.name()));
            default -> throw new IllegalStateException("nothing to do for " + c.describe());
        }
    }

    private void applyConfiguration(Change c) {
        switch (c.action()) {
            case CREATE -> {
                ConfigurationEntry e = (ConfigurationEntry) c.after();
                client.accessKeyConfigurations().create(new AccessKeyConfigurationCreate(e.name(), access(e),
                        router(e), e.description(), e.metadata()));
            }
            case UPDATE -> {
                ConfigurationEntry e = (ConfigurationEntry) c.after();
                AccessKeyConfigurationUpdate.Builder b = AccessKeyConfigurationUpdate.builder().name(e.name());
                b = e.access() == null ? b.clearAccess() : b.access(access(e));
                b = e.router() == null ? b.clearRouter() : b.router(router(e));
                b = e.description() == null ? b.clearDescription() : b.description(e.description());
                b = e.metadata() == null ? b.clearMetadata() : b.metadata(e.metadata());
                client.accessKeyConfigurations().update(configurationId(c.name()), b.build());
            }
            case DELETE -> client.accessKeyConfigurations().delete(configurationId(c.name()));
            default -> throw new IllegalStateException("nothing to do for " + c.describe());
        }
    }

    private static List<ApiSurface> surfaces(ProviderEntry p) {
        return p.supportedApiSurfaces().stream().map(s -> new ApiSurface(s.format(), s.surface(),
                s.supportedParams().isEmpty() ? null : s.supportedParams().stream().map(SupportedParam::new).toList()))
                .toList();
    }

    private static Access access(ConfigurationEntry e) {
        if (e.access() == null) {
            return null;
        }
        return new Access(e.access().providers() == null ? null : new AllowList(e.access().providers().allow()),
                e.access().models() == null ? null : new AllowList(e.access().models().allow()));
    }

    private Router router(ConfigurationEntry e) {
        if (e.router() == null) {
            return null;
        }
        List<RouterRule> rules = new ArrayList<>();
        for (RuleEntry rule : e.rules()) {
            List<RouterStep> steps = new ArrayList<>();
            for (StepEntry step : rule.steps()) {
                List<StepKey> keys = step.keys().stream()
                        .map(name -> StepKey.existing(keyId(rule.providerOfRule() + "/" + name))).toList();
                steps.add(new RouterStep(step.type(), keys.isEmpty() ? null : keys, step.keySelectionStrategy()));
            }
            rules.add(new RouterRule(rule.provider(), rule.model(), steps));
        }
        return new Router(rules);
    }

    private String providerId(String providerId) {
        return plan.target().providers().stream().filter(p -> providerId.equals(p.providerId())).map(Provider::id)
                .findFirst().orElseThrow(() -> new IllegalStateException("provider " + providerId
                        + " is not on the gateway any more"));
    }

    private String keyId(String label) {
        String id = keyIds.get(label);
        if (id == null) {
            throw new IllegalStateException("provider key " + label + " is not on the gateway");
        }
        return id;
    }

    private String configurationId(String name) {
        return plan.target().configurations().stream().filter(c -> name.equals(c.name()))
                .map(AccessKeyConfiguration::id).findFirst().orElseThrow(() -> new IllegalStateException(
                        "access key configuration " + name + " is not on the gateway any more"));
    }
}
