package dev.switchboard.gateway.access;

import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import java.util.HashMap;
import java.util.Map;

/** An authenticated access key, resolved: its allowlist and its router rules indexed for lookup. */
public final class KeyAccess {
    private final String accessKeyId;
    private final String configurationId;
    private final AccessPolicy policy;
    private final Map<String, RouterRule> byModel = new HashMap<>();
    private final Map<String, RouterRule> byProvider = new HashMap<>();

    public KeyAccess(String accessKeyId, String configurationId, AccessPolicy policy, Router router) {
        this.accessKeyId = accessKeyId;
        this.configurationId = configurationId;
        this.policy = policy;
        if (router != null && router.rules() != null) {
            for (RouterRule rule : router.rules()) {
                if (rule == null) {
                    continue;
                }
                if (rule.model() != null && !rule.model().isEmpty()) {
                    byModel.putIfAbsent(rule.model(), rule);
                } else if (rule.provider() != null) {
                    byProvider.putIfAbsent(rule.provider(), rule);
                }
            }
        }
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String configurationId() {
        return configurationId;
    }

    public AccessPolicy policy() {
        return policy;
    }

    /** The rule for this model if there is one, else the rule for its provider, else null. */
    public RouterRule ruleFor(ModelRef ref) {
        RouterRule rule = byModel.get(ref.toString());
        return rule != null ? rule : byProvider.get(ref.provider());
    }
}
