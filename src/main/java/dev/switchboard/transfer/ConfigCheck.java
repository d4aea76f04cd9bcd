package dev.switchboard.transfer;

import dev.switchboard.api.PlainHttpHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a file's entries must pass together: unique names, and references that resolve within the file. */
final class ConfigCheck {
    /** A problem at a JSON pointer into the file ({@code /providerKeys/3/provider}). */
    record Problem(String pointer, String message) {
    }

    private ConfigCheck() {
    }

    /** Names used twice: a plan could not tell which resource the file means. */
    static List<Problem> duplicates(ConfigFile file) {
        return check(file, false);
    }

    /** Duplicates, and references that do not resolve within the file. */
    static List<Problem> problems(ConfigFile file) {
        return check(file, true);
    }

    private static List<Problem> check(ConfigFile file, boolean references) {
        List<Problem> out = new ArrayList<>();
        Map<String, Integer> providers = new HashMap<>();
        for (int i = 0; i < file.providers().size(); i++) {
            String id = file.providers().get(i).providerId();
            if (id.contains(":")) {
                out.add(new Problem("/providers/" + i + "/providerId", "providerId '" + id + "' must not contain ':'"));
            }
            String plainHttp = refusedPlainHttp(file.providers().get(i).baseUrl());
            if (plainHttp != null) {
                out.add(new Problem("/providers/" + i + "/baseUrl", "provider '" + id + "': baseUrl " + plainHttp));
            }
            Integer first = providers.putIfAbsent(id, i);
            if (first != null) {
                out.add(new Problem("/providers/" + i + "/providerId", "provider '" + id
                        + "' is listed twice (also at providers[" + first + "])"));
            }
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < file.providerKeys().size(); i++) {
            ProviderKeyEntry k = file.providerKeys().get(i);
            if (!keys.add(k.label())) {
                out.add(new Problem("/providerKeys/" + i + "/name", "provider '" + k.provider()
                        + "' has two keys named '" + k.name() + "'; names identify keys in a file, so rename one"));
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < file.accessKeyConfigurations().size(); i++) {
            ConfigurationEntry c = file.accessKeyConfigurations().get(i);
            String at = "/accessKeyConfigurations/" + i;
            if (!names.add(c.name())) {
                out.add(new Problem(at + "/name", "two access key configurations are named '" + c.name()
                        + "'; names identify configurations in a file, so rename one"));
            }
            if (references) {
                checkRules(c, at, keys, out);
            }
        }
        return out;
    }

    /** Keys and rules may name a provider the file does not hold: a hosted gateway's built-in ones. */
    private static void checkRules(ConfigurationEntry c, String at, Set<String> keys, List<Problem> out) {
        for (int r = 0; r < c.rules().size(); r++) {
            RuleEntry rule = c.rules().get(r);
            String ruleAt = at + "/router/rules/" + r;
            if (rule.steps().isEmpty()) {
                out.add(new Problem(ruleAt, "configuration '" + c.name() + "': a rule needs at least one step"));
            }
            for (int s = 0; s < rule.steps().size(); s++) {
                List<String> stepKeys = rule.steps().get(s).keys();
                if (stepKeys.isEmpty() && rule.steps().get(s).isUser()) {
                    out.add(new Problem(ruleAt + "/steps/" + s, "configuration '" + c.name()
                            + "': a step needs at least one key"));
                }
                for (int k = 0; k < stepKeys.size(); k++) {
                    String label = rule.providerOfRule() + "/" + stepKeys.get(k);
                    if (!keys.contains(label)) {
                        out.add(new Problem(ruleAt + "/steps/" + s + "/keys/" + k, "configuration '" + c.name()
                                + "' uses provider key '" + label + "', which is not among the file's providerKeys"));
                    }
                }
            }
        }
    }

    /**
     * Why no gateway takes {@code baseUrl}, when it is http:// to a host that is neither an ngrok internal endpoint
     * ({@code *.internal}) nor this machine: both the hosted and the embedded gateway refuse those (a plan would
     * otherwise pass and the apply fail on it).
     */
    static String refusedPlainHttp(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException | RuntimeException e) {
            return null; // the gateway words a malformed URL itself
        }
        String host = uri.getHost();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || host == null) {
            return null;
        }
        if (PlainHttpHosts.isInternalOrLoopback(host)) {
            return null;
        }
        return "'" + baseUrl + "' must use https://: gateways take http:// only for ngrok internal endpoints (hosts"
                + " ending in .internal) and, on the embedded gateway, this machine (localhost, 127.0.0.1)";
    }
}
