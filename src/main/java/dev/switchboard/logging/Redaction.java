package dev.switchboard.logging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that is about to be logged: values the process knows to be secret
 * ({@link #remember}: the admin key, provider-key values, new tokens), credentials after
 * {@code Bearer}/{@code Basic} and in key headers, Switchboard's own key formats, and the JSON
 * fields that carry secrets in its API. Each is replaced by its redacted form (first and last
 * characters around {@code ***}), so a log line still says which key it was about.
 */
public final class Redaction {
    /** Shorter values are not remembered: replacing them would garble ordinary words. */
    static final int MIN_LENGTH = 8;
    private static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

    private static final String VALUE = "([^\\s,;\\]\\[)(\"'{}<>]+)";
    private static final List<Rule> RULES = List.of(
            // Authorization: Bearer x / Basic x, wherever it is printed
            new Rule(Pattern.compile("(?i)\\b((?:bearer|basic)\\s+)" + VALUE), 2),
            // x-api-key: x, api-key=x, Authorization: x (a header printed as name and value)
            new Rule(Pattern.compile("(?i)\\b((?:x-api-key|api-key|proxy-authorization|authorization)\"?\\s*[:=]\\s*\"?)"
                    + "(?!(?i:bearer|basic)\\s)" + VALUE), 2),
            // the API's secret fields in a JSON body: {"value": "...", "token": "..."}
            new Rule(Pattern.compile("(?i)(\"(?:value|token|apiKey|api_key|x-api-key)\"\\s*:\\s*\")([^\"]+)"), 2),
            // Switchboard's own formats: admin keys and access-key tokens
            new Rule(Pattern.compile("\\b((?:sbadm_|ng-))([A-Za-z0-9]{8,})"), 0));

    private Redaction() {
    }

    private record Rule(Pattern pattern, int group) {
    }

    /** Remembers a secret this process holds, so that it is redacted wherever it appears. */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && REMEMBERED.size() < MAX_REMEMBERED) {
            REMEMBERED.add(secret);
        }
    }

    /** {@code text} with every secret in it redacted. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : REMEMBERED) {
            if (out.contains(secret)) {
                out = out.replace(secret, redacted(secret));
            }
        }
        for (Rule rule : RULES) {
            out = replace(out, rule.pattern, m -> {
                String value = rule.group == 0 ? m.group() : m.group(rule.group);
                if (value.contains("***")) {
                    return m.group();
                }
                return rule.group == 0 ? redacted(value) : m.group(1) + redacted(value);
            });
        }
        return out;
    }

    /** The first and last characters of a secret around {@code ***} (nothing of one under 8 characters). */
    public static String redacted(String secret) {
        int n = secret.length();
        if (n < MIN_LENGTH) {
            return "***";
        }
        int shown = Math.min(4, n / 4);
        return secret.substring(0, shown) + "***" + secret.substring(n - shown);
    }

    private static String replace(String text, Pattern pattern, Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
