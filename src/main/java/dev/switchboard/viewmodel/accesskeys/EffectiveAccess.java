package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a key may call: every model of every provider, filtered by the configuration's
 * allowlist exactly as the gateway filters it for {@code /v1/models}.
 */
public final class EffectiveAccess {
    private EffectiveAccess() {
    }

    /** {@code access} null means everything; a null dimension is unrestricted; {@code allow: []} allows nothing. */
    public static List<ModelRef> of(Access access, List<Provider> providers) {
        List<ModelRef> out = new ArrayList<>();
        for (Provider p : providers) {
            if (p.models() == null || !providerAllowed(access, p.providerId())) {
                continue;
            }
            for (ProviderModel m : p.models()) {
                ModelRef ref = new ModelRef(p.providerId(), m.modelId());
                if (modelAllowed(access, ref)) {
                    out.add(ref);
                }
            }
        }
        return out;
    }

    public static boolean providerAllowed(Access access, String providerId) {
        return access == null || allows(access.providers(), providerId);
    }

    public static boolean modelAllowed(Access access, ModelRef ref) {
        return access == null || allows(access.models(), ref.toString());
    }

    private static boolean allows(AllowList list, String value) {
        return list == null || list.allow() == null || list.allow().contains(value);
    }
}
