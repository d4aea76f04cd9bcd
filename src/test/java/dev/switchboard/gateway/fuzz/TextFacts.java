package dev.switchboard.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** What the fuzz oracles need to know about a body's text, worked out with the JDK rather than the gateway's code. */
public final class TextFacts {
    private TextFacts() {
    }

    /** Well-formed UTF-8, by the JDK's strict decoder. */
    public static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A string or field name somewhere in {@code n} that UTF-8 cannot encode (a lone surrogate). */
    public static boolean hasLoneSurrogate(JsonNode n) {
        if (n.isTextual()) {
            return loneSurrogate(n.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (loneSurrogate(f.getKey()) || hasLoneSurrogate(f.getValue())) {
                return true;
            }
        }
        if (n.isArray()) {
            for (JsonNode c : n) {
                if (hasLoneSurrogate(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                // rare: let the JDK's encoder decide whether it is part of a pair
                return !StandardCharsets.UTF_8.newEncoder().canEncode(s);
            }
        }
        return false;
    }
}
