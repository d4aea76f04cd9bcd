package dev.switchboard.transfer;

import java.util.Comparator;
import java.util.List;

/** A configuration's routing rules (a model rule wins over its provider's rule whatever its place). */
public record RouterEntry(List<RuleEntry> rules) {
    public RouterEntry {
        rules = Entries.copy(rules);
    }

    /** The rules sorted by provider, then model. */
    public RouterEntry sorted() {
        return new RouterEntry(Entries.sorted(rules, Comparator.comparing(RuleEntry::providerOfRule)
                .thenComparing(r -> r.model() == null ? "" : r.model())));
    }
}
