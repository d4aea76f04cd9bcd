package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderModel;
import java.util.Arrays;
import java.util.List;

final class AccessKeyFixtures {
    private AccessKeyFixtures() {
    }

    static Provider provider(String id, String... models) {
        return new Provider("aigp_" + id, null, null, null, null, null, null, id, id, "http://127.0.0.1:1",
                null, Arrays.stream(models).map(m -> new ProviderModel("m_" + m, m)).toList());
    }

    static ProviderKey key(String id, String providerId, String name) {
        return new ProviderKey(id, null, null, null, null, null, null, null, providerId, name, "sk-***" + id, null);
    }

    static List<Provider> twoProviders() {
        return List.of(provider("my-ollama", "llama3.2", "qwen2.5:0.5b"), provider("lm-studio", "phi-4", "gemma"));
    }

    static Access access(List<String> providers, List<String> models) {
        return new Access(providers == null ? null : new AllowList(providers), models == null ? null : new AllowList(models));
    }
}
