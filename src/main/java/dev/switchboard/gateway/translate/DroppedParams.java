package dev.switchboard.gateway.translate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The client parameters a translation left out, each named once, in the order met. */
final class DroppedParams {
    private final Set<String> names = new LinkedHashSet<>();

    void add(String name) {
        names.add(name);
    }

    void addAll(List<String> more) {
        names.addAll(more);
    }

    List<String> list() {
        return List.copyOf(new ArrayList<>(names));
    }
}
