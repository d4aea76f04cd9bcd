package dev.switchboard.api;

import java.util.List;

/** A configuration's routing: rules that give each provider (or model) its ordered provider keys. */
public record Router(List<RouterRule> rules) {

    /** As written back: an existing key as {@code {id}} only (it reads back with name and keyRedacted too). */
    public Router forWrite() {
        if (rules == null) {
            return this;
        }
        return new Router(rules.stream().map(r -> r == null || r.steps() == null ? r
                : new RouterRule(r.provider(), r.model(), r.steps().stream().map(s -> s == null || s.keys() == null ? s
                        : new RouterStep(s.type(), s.keys().stream()
                                .map(k -> k != null && k.id() != null ? StepKey.existing(k.id()) : k).toList(),
                                s.keySelectionStrategy())).toList())).toList());
    }
}
