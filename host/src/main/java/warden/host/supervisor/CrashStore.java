package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import warden.host.storage.Backlog;
import warden.host.storage.Database;
import warden.host.storage.Retention;

/**
 * Crash records in the {@code crashes} table of the host's SQLite file, so "why did it die" survives a host restart.
 * The newest {@code keepPerChild} records of each child are kept ({@link Retention}); older ones of that child are
 * deleted as new ones arrive. A record the disk refuses (full, read-only) waits in a {@link Backlog} of at most {@link
 * #BACKLOG} records and is written when the disk takes writes again.
 */
final class CrashStore {

    static final int BACKLOG = 1000;

    private final Database db;
    private final int keepPerChild;
    private final Backlog backlog;

    CrashStore(Database db, int keepPerChild) {
        this.db = db;
        this.keepPerChild = keepPerChild;
        this.backlog = new Backlog(db, "crash record", BACKLOG);
    }

    /** A record not stored yet (sequence number 0), with the likely signal filled in from the exit code. */
    static CrashRecord unsaved(
            String childId,
            Instant at,
            int exitCode,
            String reason,
            Duration uptime,
            int restartNumber,
            String decision,
            List<String> tail) {
        return new CrashRecord(
                0, childId, at, exitCode, Signals.likely(exitCode), reason, uptime, restartNumber, decision, tail);
    }

    /**
     * Stores {@code r} (its {@code seq} is ignored) and returns it with the sequence number it got; fails with {@link
     * Backlog.Deferred} when it waits for the disk.
     */
    Future<CrashRecord> insert(CrashRecord r) {
        return backlog.write(c -> {
            long seq;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO crashes (child_id, at_ms, exit_code, likely_signal, reason, uptime_ms,"
                            + " restart_number, decision, tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, r.childId());
                s.setLong(2, r.at().toEpochMilli());
                s.setInt(3, r.exitCode());
                s.setString(4, r.likelySignal());
                s.setString(5, r.reason());
                s.setLong(6, r.uptime().toMillis());
                s.setInt(7, r.restartNumber());
                s.setString(8, r.decision());
                s.setString(9, new JsonArray(new ArrayList<>(r.tail())).encode());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    seq = keys.getLong(1);
                }
            }
            Retention.keepNewest(c, "crashes", "child_id", r.childId(), "seq", keepPerChild);
            return new CrashRecord(
                    seq,
                    r.childId(),
                    r.at(),
                    r.exitCode(),
                    r.likelySignal(),
                    r.reason(),
                    r.uptime(),
                    r.restartNumber(),
                    r.decision(),
                    r.tail());
        });
    }

    /** Newest first; all children when {@code childId} is null. */
    Future<List<CrashRecord>> list(String childId, int limit) {
        return db.call(c -> {
            String sql = "SELECT seq, child_id, at_ms, exit_code, likely_signal, reason, uptime_ms, restart_number,"
                    + " decision, tail FROM crashes"
                    + (childId == null ? "" : " WHERE child_id = ?")
                    + " ORDER BY seq DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (childId != null) {
                    s.setString(i++, childId);
                }
                s.setInt(i, limit);
                List<CrashRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static CrashRecord row(ResultSet rs) throws SQLException {
        List<String> tail = new ArrayList<>();
        for (Object line : new JsonArray(rs.getString(10))) {
            tail.add((String) line);
        }
        return new CrashRecord(
                rs.getLong(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                Duration.ofMillis(rs.getLong(7)),
                rs.getInt(8),
                rs.getString(9),
                List.copyOf(tail));
    }
}
