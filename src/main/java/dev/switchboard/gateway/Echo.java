package dev.switchboard.gateway;

/** Input quoted back in an error message, capped: a megabyte-long model id or role is no message. */
public final class Echo {
    static final int MAX = 100;

    private Echo() {
    }

    /** {@code s} as is when short, else its first {@value #MAX} characters and how long it was. */
    public static String of(String s) {
        if (s == null || s.length() <= MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return s.substring(0, end) + "… (" + s.length() + " characters)";
    }
}
