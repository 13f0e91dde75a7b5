package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.Addresses;
import warden.host.storage.Database;
import warden.host.storage.Retention;

/**
 * Who did what from which chat, kept in the {@code chat_audit} table and published on {@link Addresses#AUDIT}.
 *
 * <p>Writes go through the database's single thread in call order, after the schema, so no entry can overtake the
 * table's creation. The newest {@link #KEEP} entries are kept. A failed write is logged; it never fails the command
 * it records.
 */
final class AuditLog {

    static final int KEEP = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Database db;
    private final EventBus bus;

    AuditLog(Database db, EventBus bus) {
        this.db = db;
        this.bus = bus;
        db.schema("CREATE TABLE IF NOT EXISTS chat_audit ("
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, who TEXT NOT NULL, "
                        + "connector TEXT NOT NULL, place TEXT NOT NULL, command TEXT NOT NULL, outcome TEXT NOT NULL)")
                .onFailure(e -> LOG.error("cannot create the chat_audit table", e));
    }

    /** Records one action; the future carries the stored entry (with its id). */
    Future<AuditEntry> record(Instant at, ChatMessage msg, String outcome) {
        Future<AuditEntry> stored = db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO chat_audit(at_ms, who, connector, place, command, outcome) VALUES (?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, msg.user());
                s.setString(3, msg.connector());
                s.setString(4, msg.where());
                s.setString(5, msg.text());
                s.setString(6, outcome);
                s.executeUpdate();
                long id;
                try (ResultSet keys = s.getGeneratedKeys()) {
                    id = keys.next() ? keys.getLong(1) : 0;
                }
                Retention.keepNewest(c, "chat_audit", null, null, "id", KEEP);
                return new AuditEntry(id, at, msg.user(), msg.connector(), msg.where(), msg.text(), outcome);
            }
        });
        return stored.onSuccess(e -> bus.publish(Addresses.AUDIT, e.toJson()))
                .onFailure(e -> LOG.warn("audit entry not stored: {} {} {}", msg.user(), msg.text(), outcome, e));
    }

    /** The newest {@code limit} entries, newest first. */
    Future<List<AuditEntry>> newest(int limit) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, at_ms, who, connector, place, command, outcome "
                    + "FROM chat_audit ORDER BY id DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditEntry(
                                r.getLong(1),
                                Instant.ofEpochMilli(r.getLong(2)),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7)));
                    }
                }
                return out;
            }
        });
    }
}
