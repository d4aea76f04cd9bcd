package dev.switchboard.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The secrets one call handled, so that nothing the server echoes back can leak them into a message. */
final class Secrets {
    static final String HIDDEN = "<hidden>";
    /** Shorter strings are not treated as secrets: replacing them would garble ordinary text. */
    private static final int MIN_LENGTH = 6;

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    static Secrets of(Collection<String> candidates) {
        List<String> values = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate != null && candidate.length() >= MIN_LENGTH && !values.contains(candidate)) {
                values.add(candidate);
            }
        }
        values.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new Secrets(List.copyOf(values));
    }

    static Secrets of(String... candidates) {
        return of(List.of(candidates).stream().filter(Objects::nonNull).toList());
    }

    Secrets plus(String... more) {
        List<String> all = new ArrayList<>(values);
        for (String s : more) {
            if (s != null) {
                all.add(s);
            }
        }
        return of(all);
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : values) {
            result = result.replace(secret, HIDDEN);
        }
        return result;
    }

    Object scrubValue(Object value) {
        if (value instanceof String s) {
            return scrub(s);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), scrubValue(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(this::scrubValue).toList();
        }
        return value;
    }

    /**
     * {@code t} itself when no message in its chain (causes, suppressed) holds a secret; otherwise a
     * stand-in chain with the same class names, stack traces and scrubbed messages. Parsers quote
     * what they could not read, so a cause can carry a secret that a server echoed.
     */
    Throwable scrub(Throwable t) {
        if (t == null || !leaks(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
            return t;
        }
        return copy(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private boolean leaks(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !scrub(message).equals(message)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (leaks(s, seen)) {
                return true;
            }
        }
        return leaks(t.getCause(), seen);
    }

    private Throwable copy(Throwable t, java.util.Set<Throwable> seen) {
        seen.add(t);
        Throwable cause = t.getCause() == null || seen.contains(t.getCause()) ? null : copy(t.getCause(), seen);
        ScrubbedThrowable s = new ScrubbedThrowable(t.getClass().getName(), scrub(t.getMessage()), cause);
        s.setStackTrace(t.getStackTrace());
        for (Throwable suppressed : t.getSuppressed()) {
            if (!seen.contains(suppressed)) {
                s.addSuppressed(copy(suppressed, seen));
            }
        }
        return s;
    }

    /** Stands in for a throwable whose message held a secret; prints as the original class did. */
    static final class ScrubbedThrowable extends RuntimeException {
        private final String originalClass;

        ScrubbedThrowable(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }

    @Override
    public String toString() {
        return "Secrets[" + values.size() + " hidden]";
    }
}
