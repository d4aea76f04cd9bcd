package dev.switchboard.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's own arguments (what follows {@code switchboard <command>}): flags, options with a value
 * ({@code --out FILE} or {@code --out=FILE}, repeatable ones collected in order) and positional arguments.
 */
final class CommandOptions {
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private CommandOptions() {
    }

    /**
     * @throws IllegalArgumentException for an option the command does not take, or one missing its value
     */
    static CommandOptions parse(String command, List<String> args, Set<String> withValue, Set<String> flagNames) {
        CommandOptions o = new CommandOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                o.positional.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (withValue.contains(name)) {
                String value;
                if (eq > 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (flagNames.contains(name) && eq < 0) {
                o.flags.add(name);
            } else {
                throw new IllegalArgumentException("'" + command + "' does not take " + name);
            }
        }
        return o;
    }

    String value(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
