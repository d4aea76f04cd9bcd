package dev.switchboard.viewmodel.logs;

/** Status classes offered. */
public enum StatusFilter {
    ALL("All statuses", 0), SUCCESS("2xx success", 2), CLIENT_ERROR("4xx refused", 4), SERVER_ERROR("5xx failed", 5),
    STOPPED("Stopped by the client", -1);

    private final String label;
    private final int statusClass;

    StatusFilter(String label, int statusClass) {
        this.label = label;
        this.statusClass = statusClass;
    }

    boolean accepts(LogRow row) {
        if (this == STOPPED) {
            return row.stopped();
        }
        return statusClass == 0 || (!row.stopped() && row.statusClass() == statusClass);
    }

    @Override
    public String toString() {
        return label;
    }
}
