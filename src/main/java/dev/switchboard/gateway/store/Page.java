package dev.switchboard.gateway.store;

import java.util.List;

/** One page of a list, newest first; {@code hasMore} when older items follow the last one. */
public record Page<T>(List<T> items, boolean hasMore) {
}
