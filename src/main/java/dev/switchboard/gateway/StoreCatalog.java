package dev.switchboard.gateway;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.Provider;
import dev.switchboard.gateway.route.GatewayCatalog;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.gateway.store.StoreException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's view of the SQLite store. Reads go straight to the store (the data plane
 * caches them); "used" marks are collected in memory and written in one transaction per
 * second, and once more when the store closes.
 */
public final class StoreCatalog implements GatewayCatalog {
    static final long FLUSH_INTERVAL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StoreCatalog.class);

    private final Store store;
    private final ConcurrentHashMap<String, Instant> pendingUse = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public StoreCatalog(Store store) {
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-last-used");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        store.onClose(this::shutdown);
    }

    @Override
    public Optional<AccessKeyGrant> accessKeyByTokenHash(String tokenSha256Hex) {
        return store.accessKeys().findByTokenHash(tokenSha256Hex)
                .map(g -> new AccessKeyGrant(g.accessKeyId(), tokenSha256Hex, g.configurationId()));
    }

    @Override
    public Optional<AccessKeyConfiguration> configuration(String configurationId) {
        return store.configurations().get(configurationId);
    }

    @Override
    public List<Provider> providers() {
        return store.providers().listAll();
    }

    @Override
    public List<ProviderKeySecret> providerKeys() {
        return store.providerKeys().allValues().stream()
                .map(k -> new ProviderKeySecret(k.id(), k.providerId(), k.value()))
                .toList();
    }

    @Override
    public GatewayConfig gatewayConfig() {
        return store.gatewayConfig().get();
    }

    @Override
    public void accessKeyUsed(String accessKeyId) {
        pendingUse.put(accessKeyId, now());
    }

    @Override
    public void providerKeyUsed(String providerKeyId) {
        pendingUse.put(providerKeyId, now());
    }

    @Override
    public void addChangeListener(Runnable listener) {
        store.addChangeListener(listener);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Writes the collected "used" marks now. */
    public void flush() {
        if (pendingUse.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pendingUse.keySet()) {
            Instant t = pendingUse.remove(id);
            if (t != null) {
                batch.put(id, t);
            }
        }
        store.markUsed(batch);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (StoreException e) {
            LOG.warn("Could not record when keys were last used", e);
        }
    }

    private void shutdown() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
