package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.gateway.route.Candidate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes the provider-key values a request's attempts were sent with out of what the upstream sends back
 * (an error body saying "invalid key: Bearer sk-…", a header), before it reaches the client: the
 * gateway knows every value it sent, so it can find each one, as written and as JSON escapes it.
 */
final class SentKeys {
    static final String SCRUBBED = "[provider key removed by the gateway]";
    /** Shorter values would match ordinary text and mangle the body; real provider keys are far longer. */
    private static final int MIN_LENGTH = 8;

    private SentKeys() {
    }

    static byte[] scrub(byte[] body, List<Candidate> candidates) {
        if (body == null || body.length == 0) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String scrubbed = scrub(text, candidates);
        return scrubbed == text ? body : scrubbed.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code text} without any sent key value (the same instance when it held none). */
    static String scrub(String text, List<Candidate> candidates) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : forms(candidates)) {
            if (out.contains(value)) {
                out = out.replace(value, SCRUBBED);
            }
        }
        return out;
    }

    private static Set<String> forms(List<Candidate> candidates) {
        Set<String> out = new LinkedHashSet<>();
        List<String> values = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.key() != null && c.key().value() != null && c.key().value().length() >= MIN_LENGTH) {
                values.add(c.key().value());
            }
        }
        // longest first, so a key that contains another is removed whole
        values.sort((a, b) -> b.length() - a.length());
        for (String v : values) {
            out.add(v);
            out.add(new String(JsonStringEncoder.getInstance().quoteAsString(v)));
        }
        return out;
    }
}
