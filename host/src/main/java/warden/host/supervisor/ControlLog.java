package warden.host.supervisor;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.storage.Backlog;
import warden.host.storage.Database;
import warden.host.storage.Retention;

/**
 * {@link ControlEvent}s in the {@code control_events} table, the newest {@code keepPerChild} of each child ({@link
 * Retention}). Writes go through the database's one thread in call order; one the disk refuses waits in a {@link
 * Backlog} of at most {@link #BACKLOG} events; a failed write is logged and never fails the action it records.
 */
final class ControlLog {

    static final int BACKLOG = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ControlLog.class);

    private final Database db;
    private final int keepPerChild;
    private final Backlog backlog;

    ControlLog(Database db, int keepPerChild) {
        this.db = db;
        this.keepPerChild = keepPerChild;
        this.backlog = new Backlog(db, "control event", BACKLOG);
    }

    void record(ControlEvent e) {
        backlog.write(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO control_events (child_id, at_ms, kind, detail) VALUES (?, ?, ?, ?)")) {
                        s.setString(1, e.childId());
                        s.setLong(2, e.at().toEpochMilli());
                        s.setString(3, e.kind().wire());
                        s.setString(4, e.detail());
                        s.executeUpdate();
                    }
                    Retention.keepNewest(c, "control_events", "child_id", e.childId(), "seq", keepPerChild);
                    return null;
                })
                .onFailure(x -> {
                    if (!(x instanceof Backlog.Deferred)) {
                        LOG.warn("control event not stored: {}", e, x);
                    }
                });
    }

    /** Newest first. */
    Future<List<ControlEvent>> list(String childId, int limit) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT at_ms, kind, detail FROM control_events"
                    + " WHERE child_id = ? ORDER BY seq DESC LIMIT ?")) {
                s.setString(1, childId);
                s.setInt(2, limit);
                List<ControlEvent> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ControlEvent(
                                childId,
                                Instant.ofEpochMilli(rs.getLong(1)),
                                ControlEvent.Kind.of(rs.getString(2)),
                                rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }
}
