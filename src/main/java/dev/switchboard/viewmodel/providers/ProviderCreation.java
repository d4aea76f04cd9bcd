package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.ValidationException;
import dev.switchboard.viewmodel.Plural;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the provider, its key and the access changes, remembering what is done so that Create after a
 * failure picks up where it stopped (the provider is never created twice). Runs off the FX thread.
 */
final class ProviderCreation {
    static final String PROVIDER_KEY_NAME = "primary";

    /** What the user chose, read on the FX thread before the work starts. */
    record Plan(ProviderCreate request, String providerKey, List<AccessKeyConfiguration> configurations,
                boolean newConfiguration, String configurationName, String accessKeyName, List<String> modelIds, boolean local) {
    }

    /** A failure of one step, with the page it concerns. */
    static final class StepFailure extends RuntimeException {
        final Page page;

        StepFailure(Page page, String message, Throwable cause) {
            super(message, cause);
            this.page = page;
        }
    }

    private final GatewayClient gateway;
    private volatile Provider provider;
    private volatile String providerKeyId;
    private final Set<String> updatedConfigurations = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile AccessKeyConfiguration newConfiguration;
    private volatile AccessKey accessKey;

    ProviderCreation(GatewayClient gateway) {
        this.gateway = gateway;
    }

    boolean providerCreated() {
        return provider != null;
    }

    Provider provider() {
        return provider;
    }

    /** The new access key's token, shown once; empty when no key was made. */
    String token() {
        return accessKey == null || accessKey.token() == null ? "" : accessKey.token();
    }

    Provider run(Plan plan) {
        if (provider == null) {
            try {
                provider = gateway.providers().create(plan.request());
            } catch (GatewayException e) {
                throw providerFailure(e, plan.local());
            }
        }
        String id = provider.providerId();
        String created = id + " was created, but ";
        if (plan.providerKey() != null && providerKeyId == null) {
            try {
                providerKeyId = gateway.providerKeys().create(ProviderKeyCreate.of(id, PROVIDER_KEY_NAME, plan.providerKey())).id();
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "storing its key failed: " + e.getMessage(), e);
            }
        }
        for (AccessKeyConfiguration listed : plan.configurations()) {
            if (updatedConfigurations.contains(listed.id())) {
                continue;
            }
            try {
                AccessKeyConfiguration fresh = gateway.accessKeyConfigurations().get(listed.id());
                Optional<AccessKeyConfigurationUpdate> update = ProviderRequests.addProvider(fresh, id, plan.modelIds(), providerKeyId);
                if (update.isPresent()) {
                    gateway.accessKeyConfigurations().update(fresh.id(), update.get());
                }
                updatedConfigurations.add(listed.id());
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "adding it to configuration " + listed.name() + " failed: "
                        + e.getMessage() + " Press Create again to retry; the provider will not be created twice.", e);
            }
        }
        if (plan.newConfiguration() && accessKey == null) {
            try {
                if (newConfiguration == null) {
                    AccessKeyConfigurationCreate body = ProviderRequests.newConfiguration(plan.configurationName(), id, providerKeyId);
                    newConfiguration = gateway.accessKeyConfigurations().create(body);
                }
                accessKey = gateway.accessKeys().create(AccessKeyCreate.of(plan.accessKeyName(), newConfiguration.id()));
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "creating configuration " + plan.configurationName()
                        + " and its key failed: " + e.getMessage(), e);
            }
        }
        return provider;
    }

    private static StepFailure providerFailure(GatewayException e, boolean local) {
        if (e instanceof ConflictException) {
            return new StepFailure(Page.DETAILS, e.getMessage(), e);
        }
        if (e instanceof ValidationException v) {
            Page target = switch (v.field().orElse("")) {
                case "baseUrl" -> local ? Page.REACH : Page.EXTERNAL_URL;
                case "providerId", "name", "models", "supportedApiSurfaces" -> Page.DETAILS;
                default -> Page.REVIEW;
            };
            return new StepFailure(target, v.getMessage(), e);
        }
        return new StepFailure(Page.REVIEW, "Could not create the provider: " + e.getMessage(), e);
    }

    String summary() {
        StringBuilder s = new StringBuilder("Created " + provider.providerId() + " ("
                + Plural.of(provider.models() == null ? 0 : provider.models().size(), "model") + ") at " + provider.baseUrl() + ".");
        if (!updatedConfigurations.isEmpty()) {
            s.append(" Added to ").append(Plural.of(updatedConfigurations.size(), "configuration")).append('.');
        }
        if (accessKey != null) {
            s.append(" New access key ").append(accessKey.name()).append(": copy its token now, it is shown only once.");
        }
        return s.toString();
    }

    String tryIt(String dataPlaneUrl) {
        String model = provider.models() == null || provider.models().isEmpty() ? "MODEL" : provider.models().get(0).modelId();
        return ProviderRequests.tryItCurl(dataPlaneUrl, provider.providerId() + ":" + model, token());
    }
}
