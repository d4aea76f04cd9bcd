package dev.switchboard.gateway.access;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.gateway.route.GatewayCatalog;
import dev.switchboard.gateway.route.GatewayCatalog.AccessKeyGrant;
import dev.switchboard.gateway.route.RoutingTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authenticates tokens and holds the routing table, both cached and dropped on every store change,
 * so a deleted key or configuration is refused on the very next request. A load that raced with a
 * change is never kept.
 */
public final class AccessCache {
    private final GatewayCatalog catalog;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, KeyAccess> byTokenHash = new ConcurrentHashMap<>();
    private volatile RoutingTable table;

    public AccessCache(GatewayCatalog catalog) {
        this.catalog = catalog;
        catalog.addChangeListener(this::invalidate);
    }

    public void invalidate() {
        generation.incrementAndGet();
        table = null;
        byTokenHash.clear();
    }

    public RoutingTable table() {
        RoutingTable t = table;
        if (t != null) {
            return t;
        }
        long g = generation.get();
        t = RoutingTable.load(catalog);
        table = t;
        if (generation.get() != g) {
            table = null;
        }
        return t;
    }

    /**
     * The key's access for a token already authenticated since the last change, or null when knowing it
     * needs the store (a token not seen yet, an unknown one, or none).
     */
    public KeyAccess cached(String token) {
        return token == null || token.isEmpty() ? null : byTokenHash.get(AccessTokens.hash(token));
    }

    /** Whether {@link #table()} answers without reading the store. */
    public boolean hasTable() {
        return table != null;
    }

    /** The key's access for a presented token, or empty when the token is unknown (or its key deleted). */
    public Optional<KeyAccess> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = AccessTokens.hash(token);
        KeyAccess cached = byTokenHash.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        long g = generation.get();
        Optional<AccessKeyGrant> grant = catalog.accessKeyByTokenHash(hash);
        if (grant.isEmpty() || !sameHash(hash, grant.get().tokenSha256Hex())) {
            return Optional.empty();
        }
        AccessKeyGrant k = grant.get();
        KeyAccess access;
        if (k.configurationId() == null) {
            access = new KeyAccess(k.accessKeyId(), null, AccessPolicy.unconfigured(), null);
        } else {
            Optional<AccessKeyConfiguration> config = catalog.configuration(k.configurationId());
            access = config
                    .map(c -> new KeyAccess(k.accessKeyId(), c.id(), AccessPolicy.of(c.access()), c.router()))
                    .orElseGet(() -> new KeyAccess(k.accessKeyId(), k.configurationId(), AccessPolicy.denyAll(), null));
        }
        byTokenHash.put(hash, access);
        if (generation.get() != g) {
            byTokenHash.remove(hash, access);
        }
        return Optional.of(access);
    }

    private static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
