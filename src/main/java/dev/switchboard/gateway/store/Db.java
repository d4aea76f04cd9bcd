package dev.switchboard.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection, its prepared statements, and the lock that serialises every use
 * of it. Reentrant, so a repository call inside {@link Store#write} joins that transaction.
 */
final class Db implements AutoCloseable {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean closed;
    private boolean secretRemoved;

    Db(Connection connection) {
        this.connection = connection;
    }

    ReentrantLock lock() {
        return lock;
    }

    Connection connection() {
        return connection;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        lock.lock();
        try {
            PreparedStatement ps = prepare(sql, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstWords(sql), e);
        } finally {
            lock.unlock();
        }
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    int update(String sql, Object... args) {
        lock.lock();
        try {
            return prepare(sql, args).executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed: " + firstWords(sql), e);
        } finally {
            lock.unlock();
        }
    }

    void execute(String sql) {
        lock.lock();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("statement failed: " + firstWords(sql), e);
        } finally {
            lock.unlock();
        }
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        ps.clearParameters();
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Statements only, so a failure message never carries a bound value (which may be a secret). */
    private static String firstWords(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Notes that the current transaction replaced or deleted a secret value (see {@link Store#write}). */
    void secretRemoved() {
        secretRemoved = true;
    }

    /** Whether a secret was replaced or deleted since the last call; clears the note. */
    boolean takeSecretRemoved() {
        boolean was = secretRemoved;
        secretRemoved = false;
        return was;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("could not close the database", e);
            }
        } finally {
            lock.unlock();
        }
    }
}
