package warden.host.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every table of {@code warden.db}, as ordered migrations: migration {@code n} takes a database from {@code PRAGMA
 * user_version} {@code n - 1} to {@code n}, in one transaction with the version bump, so a host killed mid-upgrade
 * starts the same migration again. {@link Database#open} runs what a file still lacks before anything reads it.
 *
 * <p>Each capability still owns its tables (it alone reads, writes and trims them); only their definitions live here,
 * because one ordered list is the only way a version number can say what a file holds. A change to a table is a new
 * migration at the end, never an edit of an old one.
 */
final class Schema {

    private Schema() {}

    /** One step; {@code run} is called inside the step's transaction. */
    @FunctionalInterface
    interface Migration {
        void run(Connection c) throws SQLException;
    }

    /** Index i is migration i + 1. */
    static final List<Migration> MIGRATIONS = List.of(Schema::unversioned, Schema::versionedTiers);

    /** The newest version: what a file opened by this build holds. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * 1: the layout of every build before versioning (user_version 0), created where missing; a file of such a build
     * already holds some or all of it, and its audit table may predate the actor columns.
     */
    private static void unversioned(Connection c) throws SQLException {
        exec(
                c,
                """
                CREATE TABLE IF NOT EXISTS crashes (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    child_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    exit_code INTEGER NOT NULL,
                    likely_signal TEXT,
                    reason TEXT NOT NULL,
                    uptime_ms INTEGER NOT NULL,
                    restart_number INTEGER NOT NULL,
                    decision TEXT NOT NULL,
                    tail TEXT NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS crashes_by_child ON crashes(child_id, seq)",
                """
                CREATE TABLE IF NOT EXISTS control_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    child_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS control_events_by_child ON control_events(child_id, seq)",
                "CREATE TABLE IF NOT EXISTS metric_name (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
                        + " name TEXT NOT NULL, UNIQUE (kind, name))",
                "CREATE TABLE IF NOT EXISTS metric_tick (at INTEGER PRIMARY KEY, vals BLOB NOT NULL)",
                "CREATE TABLE IF NOT EXISTS metric_raw (source INTEGER NOT NULL, start INTEGER NOT NULL,"
                        + " vals BLOB NOT NULL, PRIMARY KEY (source, start)) WITHOUT ROWID",
                "CREATE TABLE IF NOT EXISTS metric_bucket (tier INTEGER NOT NULL, source INTEGER NOT NULL,"
                        + " start INTEGER NOT NULL, vals BLOB NOT NULL, PRIMARY KEY (tier, source, start)) WITHOUT ROWID",
                "CREATE TABLE IF NOT EXISTS thresholds (scope TEXT NOT NULL, metric TEXT NOT NULL,"
                        + " warn REAL NOT NULL, crit REAL NOT NULL, PRIMARY KEY (scope, metric))",
                "CREATE TABLE IF NOT EXISTS plugin_reloads (plugin_id TEXT NOT NULL, at_millis INTEGER NOT NULL,"
                        + " from_version TEXT, to_version TEXT, outcome TEXT NOT NULL, reason TEXT,"
                        + " took_millis INTEGER NOT NULL)",
                "CREATE INDEX IF NOT EXISTS plugin_reloads_by_id ON plugin_reloads (plugin_id, at_millis)",
                """
                CREATE TABLE IF NOT EXISTS alert_history (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    alert_id INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT,
                    channel TEXT,
                    outcome TEXT,
                    detail TEXT)""",
                "CREATE INDEX IF NOT EXISTS alert_history_by_alert ON alert_history(alert_id, seq)",
                "CREATE INDEX IF NOT EXISTS alert_history_by_time ON alert_history(at_ms)",
                """
                CREATE TABLE IF NOT EXISTS alert_rules (
                    name TEXT PRIMARY KEY,
                    body TEXT NOT NULL,
                    updated_ms INTEGER NOT NULL)""",
                """
                CREATE TABLE IF NOT EXISTS alert_silences (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    matcher TEXT NOT NULL,
                    until_ms INTEGER NOT NULL,
                    who TEXT NOT NULL,
                    reason TEXT,
                    created_ms INTEGER NOT NULL)""",
                "CREATE TABLE IF NOT EXISTS chat_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL,"
                        + " who TEXT NOT NULL, connector TEXT NOT NULL, place TEXT NOT NULL, command TEXT NOT NULL,"
                        + " outcome TEXT NOT NULL)");
        // The actor in full came after the table: files of the builds between have it without these columns.
        Set<String> present = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA table_info(chat_audit)")) {
            while (r.next()) {
                present.add(r.getString("name"));
            }
        }
        for (String column : List.of("user_name", "host", "account", "detail")) {
            if (!present.contains(column)) {
                exec(c, "ALTER TABLE chat_audit ADD COLUMN " + column + " TEXT");
            }
        }
    }

    /**
     * 2: every metrics BLOB starts with a codec version byte; raw samples move to compressed chunks in a rowid table
     * (a chunk of a few KiB would spill out of a WITHOUT ROWID page). What was stored before is tagged version 0 (raw
     * chunks, buckets without sketches) and read as it is until retention removes it; the journal's rows did not
     * change and are tagged version 1, the journal's current format.
     */
    private static void versionedTiers(Connection c) throws SQLException {
        exec(
                c,
                "CREATE TABLE metric_chunk (source INTEGER NOT NULL, start INTEGER NOT NULL, vals BLOB NOT NULL)",
                "CREATE UNIQUE INDEX metric_chunk_by_source ON metric_chunk (source, start)",
                "INSERT INTO metric_chunk SELECT source, start, X'00' || vals FROM metric_raw",
                "DROP TABLE metric_raw",
                "UPDATE metric_bucket SET vals = X'00' || vals",
                "UPDATE metric_tick SET vals = X'01' || vals");
    }

    /** Runs every migration {@code c} still lacks; returns the version it had. On the database thread. */
    static int migrate(Connection c) throws SQLException {
        int version;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.next() ? r.getInt(1) : 0;
        }
        if (version > latest()) {
            throw new SQLException("warden.db is at schema version " + version + ", newer than this build knows ("
                    + latest() + "): run the newer build, or start on another data dir");
        }
        for (int v = version; v < latest(); v++) {
            c.setAutoCommit(false);
            try {
                MIGRATIONS.get(v).run(c);
                exec(c, "PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new SQLException("schema migration " + (v + 1) + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return version;
    }

    private static void exec(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
