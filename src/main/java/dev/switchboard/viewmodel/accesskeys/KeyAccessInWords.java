package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ModelRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one access key can call, in words a user understands, as the Access keys page shows it beside the
 * list: its configuration (and which other keys share it), and the models it may call. A key with no
 * configuration can call no custom provider (the gateway's rule), so it is never shown as able to.
 */
public record KeyAccessInWords(String title, String configuration, String summary, List<String> models,
                               List<AccessKey> sharedWith) {

    public static final KeyAccessInWords NONE = new KeyAccessInWords("", "", "Select a key to see what it can call.",
            List.of(), List.of());

    public static KeyAccessInWords of(AccessKey key, AccessKeysSnapshot s) {
        if (key == null) {
            return NONE;
        }
        AccessKeyConfiguration config = key.accessKeyConfiguration() == null ? null
                : s.configurations().stream().filter(c -> c.id().equals(key.accessKeyConfiguration().id())).findFirst()
                .orElse(null);
        String title = "What '" + key.name() + "' can call";
        if (config == null) {
            return new KeyAccessInWords(title, "No configuration",
                    "This key has no configuration, so it can call no custom provider. "
                            + "Use Edit access… to choose the providers and models it may call.", List.of(), List.of());
        }
        List<AccessKey> others = s.keysUsing(config.id()).stream().filter(k -> !k.id().equals(key.id())).toList();
        String configLine = "Configuration '" + config.name() + "'" + (others.isEmpty() ? ", used by this key only"
                : ", shared with " + names(others));
        List<ModelRef> models = EffectiveAccess.of(config.access(), s.providers());
        Set<String> providers = new LinkedHashSet<>();
        models.forEach(m -> providers.add(m.provider()));
        String summary;
        if (models.isEmpty()) {
            summary = config.access() == null && s.providers().isEmpty()
                    ? "This key may call every provider, but there are no providers yet."
                    : "This key can call no model: its configuration allows none.";
        } else {
            // the models themselves are listed below the summary, one per line
            summary = "This key can call " + count(models.size(), "model") + " on " + count(providers.size(), "provider")
                    + (config.access() == null ? ": its configuration allows everything, including providers added later."
                    : ":");
        }
        return new KeyAccessInWords(title, configLine, summary, models.stream().map(ModelRef::toString).toList(), others);
    }

    static String names(List<AccessKey> keys) {
        return keys.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
