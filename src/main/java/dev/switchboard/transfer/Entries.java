package dev.switchboard.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Normalising helpers for the file model: lists never null, sorted where order carries no meaning. */
final class Entries {
    private Entries() {
    }

    static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        if (items == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(items.stream().filter(Objects::nonNull).toList());
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** A list of strings in natural order, duplicates dropped. */
    static List<String> sortedStrings(List<String> items) {
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    static <T> List<T> copy(List<T> items) {
        return items == null ? List.of() : List.copyOf(items.stream().filter(Objects::nonNull).toList());
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
