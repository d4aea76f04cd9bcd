package dev.switchboard.client;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.api.UpdateBody;
import java.util.ArrayList;
import java.util.List;

/** {@code /access-key-configurations}: allowlists plus routing. */
public final class AccessKeyConfigurations {
    static final String COLLECTION = "access-key-configurations";
    static final String LIST_FIELD = "aiGatewayAccessKeyConfigurations";
    private final ControlPlane cp;

    AccessKeyConfigurations(ControlPlane cp) {
        this.cp = cp;
    }

    public AccessKeyConfiguration create(AccessKeyConfigurationCreate configuration) {
        return cp.post(cp.url(COLLECTION), configuration, AccessKeyConfiguration.class,
                cp.secrets().plus(keyValues(configuration.router())));
    }

    public AccessKeyConfiguration get(String id) {
        return cp.get(cp.url(COLLECTION, id), AccessKeyConfiguration.class);
    }

    public Page<AccessKeyConfiguration> page(ListOptions options) {
        return cp.page(cp.listUrl(COLLECTION, options, null), LIST_FIELD, AccessKeyConfiguration.class);
    }

    public Listing<AccessKeyConfiguration> list() {
        return list(ListOptions.DEFAULT);
    }

    public Listing<AccessKeyConfiguration> list(ListOptions options) {
        return new Listing<>(cp.listUrl(COLLECTION, options, null),
                url -> cp.page(url, LIST_FIELD, AccessKeyConfiguration.class), cp::resolvePage);
    }

    public AccessKeyConfiguration update(String id, AccessKeyConfigurationUpdate update) {
        return cp.patch(cp.url(COLLECTION, id), update, AccessKeyConfiguration.class,
                cp.secrets().plus(keyValues(update)));
    }

    /** Refused with {@link ConflictException} while an access key uses the configuration. */
    public void delete(String id) {
        cp.delete(cp.url(COLLECTION, id));
    }

    private static String[] keyValues(UpdateBody update) {
        List<String> values = new ArrayList<>();
        update.toJson().findValues("value").forEach(v -> values.add(v.asText()));
        return values.toArray(String[]::new);
    }

    private static String[] keyValues(Router router) {
        List<String> values = new ArrayList<>();
        if (router != null && router.rules() != null) {
            for (RouterRule rule : router.rules()) {
                if (rule.steps() == null) {
                    continue;
                }
                for (RouterStep step : rule.steps()) {
                    if (step.keys() != null) {
                        step.keys().stream().map(StepKey::value).forEach(values::add);
                    }
                }
            }
        }
        return values.toArray(String[]::new);
    }
}
