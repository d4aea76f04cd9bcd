package dev.switchboard.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets the gateway makes and checks: access-key tokens ({@code ng-} + 190 random bits),
 * their SHA-256 hashes (what the store keeps), ids, and the redacted form shown in place
 * of a secret.
 */
public final class AccessTokens {
    public static final String TOKEN_PREFIX = "ng-";
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessTokens() {
    }

    /** A new access-key token: {@code ng-} and 32 base-62 characters (about 190 random bits). */
    public static String newToken() {
        return TOKEN_PREFIX + randomBase62(32);
    }

    /** The lower-case hex SHA-256 of a token: how the store finds an access key (on every data-plane request). */
    public static String hash(String token) {
        return HEX.formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: looking the algorithm up on every request cost more than the hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** {@code prefix} followed by 27 random base-62 characters (about 160 bits). */
    public static String newId(String prefix) {
        return prefix + randomBase62(27);
    }

    public static String randomBase62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }

    /**
     * The redacted form of a secret: its first characters, {@code ***}, its last 4. Never
     * reveals more than a quarter of each end nor more than half in all; values shorter
     * than 8 characters show nothing but {@code ***}.
     */
    public static String redact(String secret) {
        if (secret == null || secret.length() < 8) {
            return "***";
        }
        int n = secret.length();
        int suffix = Math.min(4, n / 4);
        int prefix = Math.min(4, n / 4);
        return secret.substring(0, prefix) + "***" + secret.substring(n - suffix);
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
