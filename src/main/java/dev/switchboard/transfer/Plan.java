package dev.switchboard.transfer;

import java.util.List;
import java.util.Map;

/**
 * What applying a configuration to a gateway would do, in the order it would be done: providers, then
 * provider keys, then configurations; deletions (with prune) last, in the reverse order.
 *
 * @param missingSecrets provider keys ({@code provider/name}) the file names but that neither exist on
 *                       the target nor have a value: they are not created, and left out of routing
 * @param notes          other things the person should know (e.g. a key left out of a configuration's routing)
 */
public record Plan(List<Change> changes, List<String> missingSecrets, List<String> notes, GatewaySnapshot target,
                   Map<String, String> secretValues) {

    public Plan {
        changes = List.copyOf(changes);
        missingSecrets = List.copyOf(missingSecrets);
        notes = List.copyOf(notes);
        secretValues = Map.copyOf(secretValues);
    }

    /** The changes that write something. */
    public List<Change> writes() {
        return changes.stream().filter(Change::writes).toList();
    }

    public boolean isEmpty() {
        return writes().isEmpty();
    }

    public long count(Change.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** {@code 2 to create, 1 to update, 14 unchanged, 0 to delete}. */
    public String summary() {
        return count(Change.Action.CREATE) + " to create, " + count(Change.Action.UPDATE) + " to update, "
                + count(Change.Action.UNCHANGED) + " unchanged, " + count(Change.Action.DELETE) + " to delete";
    }

    @Override
    public String toString() {
        return "Plan[" + summary() + ", missingSecrets=" + missingSecrets + ", values=<hidden>]";
    }
}
