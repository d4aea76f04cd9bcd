package dev.switchboard.transfer;

/**
 * One step of a plan: what happens to one resource. {@code before} is the target's entry (null for a
 * create), {@code after} the wanted one (null for a delete); both are file entries and never hold a value.
 */
public record Change(Action action, Kind kind, String name, Object before, Object after) {

    public enum Action {
        CREATE("create"), UPDATE("update"), UNCHANGED("unchanged"), DELETE("delete");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public enum Kind {
        GATEWAY_SETTINGS("gateway settings"), PROVIDER("provider"), PROVIDER_KEY("provider key"),
        CONFIGURATION("access key configuration");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Change {
        if (before instanceof ProviderKeyEntry k) {
            before = k.withoutValue();
        }
        if (after instanceof ProviderKeyEntry k) {
            after = k.withoutValue();
        }
    }

    /** Whether applying it writes anything. */
    public boolean writes() {
        return action != Action.UNCHANGED;
    }

    /** {@code create provider my-ollama}. */
    public String describe() {
        return action.word() + " " + kind.word() + (kind == Kind.GATEWAY_SETTINGS ? "" : " " + name);
    }

    /** The entry before, as YAML lines ("" for a create). */
    public String beforeText() {
        return ConfigFiles.entryText(before);
    }

    /** The entry after, as YAML lines ("" for a delete). */
    public String afterText() {
        return ConfigFiles.entryText(after);
    }
}
