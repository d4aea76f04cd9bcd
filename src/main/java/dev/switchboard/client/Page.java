package dev.switchboard.client;

import java.util.List;

/** One page of a list: newest first; {@code nextPageUri} is null on the last page. */
public record Page<T>(List<T> items, String uri, String nextPageUri) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNextPage() {
        return nextPageUri != null && !nextPageUri.isBlank();
    }
}
