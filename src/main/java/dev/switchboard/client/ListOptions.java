package dev.switchboard.client;

/**
 * Paging for a list call: {@code limit} 1..100 items per page (null: the server's default) and
 * {@code beforeId} to start after a given item (null: from the newest).
 */
public record ListOptions(Integer limit, String beforeId) {
    public static final ListOptions DEFAULT = new ListOptions(null, null);

    public ListOptions {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
    }

    public static ListOptions limit(int limit) {
        return new ListOptions(limit, null);
    }

    public ListOptions beforeId(String id) {
        return new ListOptions(limit, id);
    }
}
