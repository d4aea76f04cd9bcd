package dev.switchboard.viewmodel.logs;

/** An access key to filter the request log by; {@link #ALL} has no id. */
public record KeyChoice(String id, String name) {
    public static final KeyChoice ALL = new KeyChoice(null, "All access keys");

    @Override
    public String toString() {
        return name;
    }
}
