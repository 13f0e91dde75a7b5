package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.storage.Database;
import warden.host.storage.Retention;

/**
 * Who did what from which chat, kept in the {@code chat_audit} table and published on {@link Addresses#AUDIT}.
 *
 * <p>The actor is stored in full (nick, user, host, account), so an impostor who took an admin's nick reads as
 * {@code alice!~mallory@127.0.0.3}, not as alice. Tables written before those columns existed get them added by the
 * schema migration ({@code storage.Schema}); their rows keep a nick only.
 *
 * <p>Writes go through the database's single thread in call order. The newest {@link #KEEP} entries are kept. A failed write is logged; it never fails the command
 * it records.
 */
final class AuditLog {

    static final int KEEP = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private static final String COLUMNS =
            "id, at_ms, who, user_name, host, account, connector, place, command, " + "outcome, detail";

    private final Database db;
    private final EventBus bus;

    AuditLog(Database db, EventBus bus) {
        this.db = db;
        this.bus = bus;
    }

    /** Records one action ({@code outcome} ok, failed or refused); the future carries the stored entry. */
    Future<AuditEntry> record(Instant at, ChatMessage msg, String outcome, String detail) {
        Actor a = msg.actor();
        Future<AuditEntry> stored = db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO chat_audit(at_ms, who, user_name, host, account, connector, place, command, outcome, "
                            + "detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, a.nick());
                s.setString(3, a.user());
                s.setString(4, a.host());
                s.setString(5, a.account());
                s.setString(6, msg.connector());
                s.setString(7, msg.where());
                s.setString(8, msg.text());
                s.setString(9, outcome);
                s.setString(10, detail);
                s.executeUpdate();
                long id;
                try (ResultSet keys = s.getGeneratedKeys()) {
                    id = keys.next() ? keys.getLong(1) : 0;
                }
                Retention.keepNewest(c, "chat_audit", null, null, "id", KEEP);
                return new AuditEntry(id, at, a, msg.connector(), msg.where(), msg.text(), outcome, detail);
            }
        });
        return stored.onSuccess(e -> bus.publish(Addresses.AUDIT, e.toJson()))
                .onFailure(e -> LOG.warn("audit entry not stored: {} {} {}", a.mask(), msg.text(), outcome, e));
    }

    /** The newest {@code limit} entries older than {@code before} (all when null), newest first. */
    Future<List<AuditEntry>> newest(int limit, Long before) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM chat_audit WHERE id < ? " + "ORDER BY id DESC LIMIT ?")) {
                s.setLong(1, before == null ? Long.MAX_VALUE : before);
                s.setInt(2, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(entry(r));
                    }
                }
                return out;
            }
        });
    }

    private static AuditEntry entry(ResultSet r) throws SQLException {
        String outcome = r.getString(10);
        String detail = r.getString(11);
        // Rows from before the detail column read "ok: <first line>" or "refused: not an admin".
        int colon = outcome.indexOf(": ");
        if (detail == null && colon > 0) {
            detail = outcome.substring(colon + 2);
            outcome = outcome.substring(0, colon);
        }
        return new AuditEntry(
                r.getLong(1),
                Instant.ofEpochMilli(r.getLong(2)),
                new Actor(r.getString(3), r.getString(4), r.getString(5), r.getString(6)),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                outcome,
                detail);
    }
}
