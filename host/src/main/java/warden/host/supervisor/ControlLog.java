package warden.host.supervisor;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.storage.Database;

/**
 * {@link ControlEvent}s in the {@code control_events} table, at most {@link #KEEP_PER_CHILD} per child. Writes go
 * through the database's one thread in call order; a failed write is logged and never fails the action it records.
 */
final class ControlLog {

    static final int KEEP_PER_CHILD = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ControlLog.class);

    private final Database db;
    private final Future<Void> ready;

    ControlLog(Database db) {
        this.db = db;
        this.ready = db.schema(
                """
                CREATE TABLE IF NOT EXISTS control_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    child_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS control_events_by_child ON control_events(child_id, seq)");
    }

    void record(ControlEvent e) {
        ready.compose(v -> db.call(c -> {
                    long seq;
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO control_events (child_id, at_ms, kind, detail) VALUES (?, ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                        s.setString(1, e.childId());
                        s.setLong(2, e.at().toEpochMilli());
                        s.setString(3, e.kind());
                        s.setString(4, e.detail());
                        s.executeUpdate();
                        try (ResultSet keys = s.getGeneratedKeys()) {
                            keys.next();
                            seq = keys.getLong(1);
                        }
                    }
                    try (PreparedStatement s =
                            c.prepareStatement("DELETE FROM control_events WHERE child_id = ? AND seq <= ?")) {
                        s.setString(1, e.childId());
                        s.setLong(2, seq - KEEP_PER_CHILD);
                        s.executeUpdate();
                    }
                    return null;
                }))
                .onFailure(x -> LOG.warn("control event not stored: {}", e, x));
    }

    /** Newest first. */
    Future<List<ControlEvent>> list(String childId, int limit) {
        return ready.compose(v -> db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT at_ms, kind, detail FROM control_events"
                    + " WHERE child_id = ? ORDER BY seq DESC LIMIT ?")) {
                s.setString(1, childId);
                s.setInt(2, limit);
                List<ControlEvent> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ControlEvent(
                                childId, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        }));
    }
}
