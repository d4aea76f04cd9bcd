package dev.switchboard.gateway.store;

import java.util.List;

/**
 * The schema, one entry per version. {@code PRAGMA user_version} records the version a
 * database is at; start-up applies the missing ones in order, each in its own transaction.
 * Append new versions; never edit a released one.
 */
final class Migrations {
    private Migrations() {
    }

    static final List<List<String>> VERSIONS = List.of(
            // version 1
            List.of(
                    """
                    CREATE TABLE providers (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      provider_id TEXT NOT NULL UNIQUE,
                      name TEXT,
                      base_url TEXT NOT NULL,
                      surfaces TEXT NOT NULL,
                      models TEXT NOT NULL,
                      description TEXT,
                      metadata TEXT,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      created_by TEXT,
                      updated_by TEXT)""",
                    """
                    CREATE TABLE provider_keys (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      provider_id TEXT NOT NULL,
                      name TEXT,
                      value TEXT NOT NULL,
                      key_redacted TEXT NOT NULL,
                      last_used INTEGER,
                      description TEXT,
                      metadata TEXT,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      created_by TEXT,
                      updated_by TEXT)""",
                    "CREATE INDEX provider_keys_by_provider ON provider_keys (provider_id, seq)",
                    """
                    CREATE TABLE access_key_configurations (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      name TEXT,
                      access TEXT,
                      router TEXT,
                      description TEXT,
                      metadata TEXT,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      created_by TEXT,
                      updated_by TEXT)""",
                    """
                    CREATE TABLE access_keys (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      name TEXT,
                      token_hash TEXT NOT NULL UNIQUE,
                      key_redacted TEXT NOT NULL,
                      configuration_id TEXT,
                      last_used INTEGER,
                      description TEXT,
                      metadata TEXT,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      created_by TEXT,
                      updated_by TEXT)""",
                    "CREATE INDEX access_keys_by_configuration ON access_keys (configuration_id)",
                    """
                    CREATE TABLE gateway_config (
                      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                      total_timeout TEXT NOT NULL,
                      per_request_timeout TEXT NOT NULL,
                      max_input_tokens INTEGER,
                      max_output_tokens INTEGER,
                      updated_at INTEGER NOT NULL)""",
                    "INSERT INTO gateway_config VALUES (1, '120s', '60s', NULL, NULL, 0)"),
            // version 2: keys with no configuration get one (AccessRuleMigration); the gateway config gets metadata
            List.of("ALTER TABLE gateway_config ADD COLUMN metadata TEXT"));

    /** Work a version does in Java after its statements, in the same transaction. */
    static void afterStatements(int version, java.sql.Connection c) throws java.sql.SQLException {
        if (version == 2) {
            AccessRuleMigration.apply(c);
        }
    }

    static int latest() {
        return VERSIONS.size();
    }
}
