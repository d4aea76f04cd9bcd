package dev.switchboard.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private static final Queue<String> OLDEST_FIRST = new ConcurrentLinkedQueue<>();

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

    /**
     * Remembers a secret this process holds, so that it is redacted wherever it appears. Past 10,000 the oldest
     * is forgotten: a full set that refused new ones left the newest secret, the one being sent, in the logs.
     */
    public static void remember(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || !REMEMBERED.add(secret)) {
            return;
        }
        OLDEST_FIRST.add(secret);
        while (REMEMBERED.size() > MAX_REMEMBERED) {
            String oldest = OLDEST_FIRST.poll();
            if (oldest == null) {
                break;
            }
            REMEMBERED.remove(oldest);
        }
    }

    /** {@code text} with every secret in it redacted. */
    public static String redact(String text) {
        return redact(REMEMBERED, text);
    }

    /**
     * {@code text} with {@code remembered} and whatever the rules find redacted. Every match is found in the
     * original text first and overlapping matches are redacted as one: replacing one secret before looking for
     * the next let a shorter one cut a longer one apart ("plain-provider-secret" with "provider" remembered gave
     * "plain-pr***er-secret"), and a remembered word inside a header's value kept the rule off the rest of it.
     */
    static String redact(Collection<String> remembered, String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String secret : remembered) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                ranges.add(new int[] {at, at + secret.length()});
            }
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(text);
            while (m.find()) {
                int group = rule.group;
                if (!m.group(group).contains("***")) {
                    ranges.add(new int[] {m.start(group), m.end(group)});
                }
            }
        }
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort(Comparator.comparingInt((int[] r) -> r[0]));
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        int i = 0;
        while (i < ranges.size()) {
            int start = ranges.get(i)[0];
            int end = ranges.get(i)[1];
            for (i++; i < ranges.size() && ranges.get(i)[0] < end; i++) {
                end = Math.max(end, ranges.get(i)[1]);
            }
            out.append(text, done, start).append(redacted(text.substring(start, end)));
            done = end;
        }
        return out.append(text, done, text.length()).toString();
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
}
