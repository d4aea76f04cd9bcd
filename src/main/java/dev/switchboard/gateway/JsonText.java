package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What both planes require of a JSON request body beyond what Jackson checks: UTF-8 bytes (RFC 8259
 * section 8.1; Jackson also reads UTF-16 and UTF-32, and lets overlong or out-of-range sequences through)
 * and strings that are valid Unicode (no lone UTF-16 surrogate, which JSON can spell as {@code \ud800}).
 * UTF-8 cannot hold a lone surrogate, so the store would keep, and a provider would receive, something else.
 */
public final class JsonText {
    private JsonText() {
    }

    /** The offset of the first byte that is not well-formed UTF-8 (RFC 3629), or -1 when all are. */
    public static int invalidUtf8At(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                lo = c == 0xe0 ? 0xa0 : 0x80; // no overlong forms
                hi = c == 0xed ? 0x9f : 0xbf; // no surrogates
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                lo = c == 0xf0 ? 0x90 : 0x80;
                hi = c == 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
            } else {
                return i;
            }
            if (i + n >= end) {
                return i; // cut short
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                int cont = b[i + k] & 0xff;
                if (cont < 0x80 || cont > 0xbf) {
                    return i;
                }
            }
            i += n + 1;
        }
        return -1;
    }

    /** The path ({@code a.b[2]}, "" for the body itself) of the first string or field name with a lone surrogate, or null. */
    public static String loneSurrogateAt(JsonNode body) {
        return at(body, "");
    }

    private static String at(JsonNode node, String path) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue()) ? path : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (hasLoneSurrogate(e.getKey())) {
                    return p;
                }
                String bad = at(e.getValue(), p);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String bad = at(node.get(i), path + "[" + i + "]");
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
