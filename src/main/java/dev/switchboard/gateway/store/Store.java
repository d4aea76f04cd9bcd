package dev.switchboard.gateway.store;

import dev.switchboard.api.PrivateFiles;
import dev.switchboard.gateway.usage.UsageLog;
import dev.switchboard.gateway.usage.UsageRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's state: one SQLite database (WAL) in the data folder, schema migrated by
 * version on open, one repository per resource.
 *
 * <p>All access goes through one connection under one lock, so {@link #write} is a
 * serialisable transaction in which check-then-act (uniqueness, references) is safe.
 * Reads are single prepared statements and cheap; the data plane may cache them and use
 * {@link #addChangeListener} or {@link #version()} to know when to drop its cache.
 */
public final class Store implements AutoCloseable {
    public static final String FILE_NAME = "switchboard.db";
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final Path file;
    private final Db db;
    private final ProviderRepository providers;
    private final ProviderKeyRepository providerKeys;
    private final AccessKeyRepository accessKeys;
    private final AccessKeyConfigurationRepository configurations;
    private final GatewayConfigRepository gatewayConfig;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();
    private final UsageLog usageLog;
    private final UsageRecorder usageRecorder;

    private Store(Path file, Db db, UsageLog usageLog) {
        this.file = file;
        this.db = db;
        this.usageLog = usageLog;
        this.usageRecorder = UsageRecorder.standard(usageLog);
        this.providers = new ProviderRepository(db);
        this.providerKeys = new ProviderKeyRepository(db);
        this.accessKeys = new AccessKeyRepository(db);
        this.configurations = new AccessKeyConfigurationRepository(db);
        this.gatewayConfig = new GatewayConfigRepository(db);
    }

    /** Opens (creating if needed) {@code <dataDir>/switchboard.db} and brings its schema up to date. */
    public static Store open(Path dataDir) {
        try {
            PrivateFiles.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE_NAME);
            if (!Files.exists(file)) {
                PrivateFiles.createFile(file);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                // FULL: a commit is on disk before its 2xx is sent, also across a power loss (NORMAL in WAL
                // mode survives a killed process but may lose the last commits to an OS crash); control-plane
                // writes are rare, so the fsync per commit costs nothing that matters
                st.execute("PRAGMA synchronous = FULL");
                st.execute("PRAGMA foreign_keys = ON");
                // deleted rows are overwritten with zeros, so a replaced provider-key value does not linger
                st.execute("PRAGMA secure_delete = ON");
                st.execute("PRAGMA busy_timeout = 5000");
            }
            Db db = new Db(c);
            UsageLog usageLog;
            try {
                usageLog = UsageLog.open(dataDir);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            Store store = new Store(file, db, usageLog);
            try {
                store.migrate();
            } catch (SQLException | RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (IOException | SQLException e) {
            throw new StoreException("could not open the database in " + dataDir, e);
        }
    }

    private void migrate() throws SQLException {
        Connection c = db.connection();
        int current;
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > Migrations.latest()) {
            throw new StoreException("the database at " + file + " is at schema version " + current
                    + ", newer than this Switchboard understands (" + Migrations.latest() + "); use a newer version",
                    null);
        }
        for (int v = current + 1; v <= Migrations.latest(); v++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : Migrations.VERSIONS.get(v - 1)) {
                    st.execute(sql);
                }
                Migrations.afterStatements(v, c);
                st.execute("PRAGMA user_version = " + v);
                c.commit();
                LOG.info("Database schema migrated to version {}", v);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public ProviderRepository providers() {
        return providers;
    }

    public ProviderKeyRepository providerKeys() {
        return providerKeys;
    }

    public AccessKeyRepository accessKeys() {
        return accessKeys;
    }

    public AccessKeyConfigurationRepository configurations() {
        return configurations;
    }

    public GatewayConfigRepository gatewayConfig() {
        return gatewayConfig;
    }

    public Path file() {
        return file;
    }

    /** The request log, in its own file beside this database. */
    public UsageLog usageLog() {
        return usageLog;
    }

    /** Where the data plane reports its attempts; writes them to {@link #usageLog()} in batches. */
    public UsageRecorder usageRecorder() {
        return usageRecorder;
    }

    /**
     * Runs {@code work} as one transaction (reads inside it see a stable state; no other
     * write interleaves). Commits when it returns, rolls back when it throws, then tells
     * the change listeners. Nested calls join the outer transaction.
     */
    public <T> T write(Supplier<T> work) {
        var lock = db.lock();
        lock.lock();
        boolean outer = lock.getHoldCount() == 1;
        try {
            if (!outer) {
                return work.get();
            }
            T result;
            try {
                db.execute("BEGIN IMMEDIATE");
                result = work.get();
                db.execute("COMMIT");
            } catch (RuntimeException | Error e) {
                db.takeSecretRemoved();
                try {
                    db.execute("ROLLBACK");
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            if (db.takeSecretRemoved()) {
                scrubWal();
            }
            version.incrementAndGet();
            return result;
        } finally {
            lock.unlock();
            if (outer && lock.getHoldCount() == 0) {
                // after unlock, so a listener may read the store without holding up other writers
                fireIfChanged();
            }
        }
    }

    /**
     * Copies the WAL into the database and empties it: the WAL still holds the pages as they were
     * before a provider-key value was replaced or deleted, and secure_delete has zeroed it in the new ones.
     */
    private void scrubWal() {
        try {
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (StoreException e) {
            LOG.warn("Could not checkpoint the database after a provider key was replaced or deleted", e);
        }
    }

    private long firedVersion;

    private synchronized void fireIfChanged() {
        long v = version.get();
        if (v == firedVersion) {
            return;
        }
        firedVersion = v;
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A store change listener failed", e);
            }
        }
    }

    /** Called after every committed control-plane write (on the writing thread). */
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Goes up by one with every committed control-plane write; a cache built at version v is stale once this differs. */
    public long version() {
        return version.get();
    }

    /**
     * Records when access keys ({@code aigk_...}) and provider keys ({@code aigpk_...}) were last
     * used, in one transaction; an older time never overwrites a newer one. Not a
     * control-plane change: listeners are not called and {@link #version()} stays.
     */
    public void markUsed(Map<String, Instant> lastUsedById) {
        if (lastUsedById.isEmpty()) {
            return;
        }
        var lock = db.lock();
        lock.lock();
        try {
            db.execute("BEGIN IMMEDIATE");
            try {
                for (Map.Entry<String, Instant> e : lastUsedById.entrySet()) {
                    String id = e.getKey();
                    if (id.startsWith(AccessKeyRepository.ID_PREFIX)) {
                        accessKeys.markUsed(id, e.getValue());
                    } else if (id.startsWith(ProviderKeyRepository.ID_PREFIX)) {
                        providerKeys.markUsed(id, e.getValue());
                    }
                }
                db.execute("COMMIT");
            } catch (RuntimeException e) {
                db.execute("ROLLBACK");
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code hook} when the store closes, before the database does (e.g. to flush batched writes). */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    /** Runs the close hooks, then closes the database; a second call does nothing. */
    @Override
    public void close() {
        if (db.isClosed()) {
            return;
        }
        for (Runnable hook : closeHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("A store close hook failed", e);
            }
        }
        usageRecorder.close();
        usageLog.close();
        db.close();
    }
}
