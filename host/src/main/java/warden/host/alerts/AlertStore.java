package warden.host.alerts;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.storage.Database;

/**
 * The alert tables: {@code alert_history} (every transition, delivery attempt, suppression and acknowledgement, kept
 * for {@code alerts.retention}), {@code alert_rules} (rules added through the API, as the JSON they were sent as) and
 * {@code alert_silences}. Writes go through the database's one thread in call order; a failed history write is logged
 * and never stops an alert from being sent.
 */
final class AlertStore {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);

    private final Database db;

    AlertStore(Database db) {
        this.db = db;
    }

    void record(HistoryEntry e) {
        db.call(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO alert_history (at_ms, alert_id, rule, scope, kind, state, channel, outcome,"
                                    + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        s.setLong(1, e.at().toEpochMilli());
                        s.setLong(2, e.alertId());
                        s.setString(3, e.rule());
                        s.setString(4, e.scope());
                        s.setString(5, e.kind());
                        s.setString(6, e.state());
                        s.setString(7, e.channel());
                        s.setString(8, e.outcome());
                        s.setString(9, e.detail());
                        s.executeUpdate();
                    }
                    return null;
                })
                .onFailure(err -> LOG.warn("alert history entry not stored: {}", err.toString()));
    }

    /** Newest first; {@code alertId} 0: every alert. */
    Future<List<HistoryEntry>> history(long alertId, int limit) {
        return db.call(c -> {
            String sql = "SELECT seq, at_ms, alert_id, rule, scope, kind, state, channel, outcome, detail"
                    + " FROM alert_history" + (alertId > 0 ? " WHERE alert_id = ?" : "") + " ORDER BY seq DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (alertId > 0) {
                    s.setLong(i++, alertId);
                }
                s.setInt(i, limit);
                List<HistoryEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new HistoryEntry(
                                r.getLong(1),
                                Instant.ofEpochMilli(r.getLong(2)),
                                r.getLong(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                r.getString(8),
                                r.getString(9),
                                r.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    Future<Long> lastAlertId() {
        return db.call(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COALESCE(MAX(alert_id), 0) FROM alert_history")) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    Future<Void> prune(long beforeMs) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM alert_history WHERE at_ms < ?")) {
                s.setLong(1, beforeMs);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Stored rules by name, as sent. */
    Future<Map<String, String>> rules() {
        return db.call(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT name, body FROM alert_rules ORDER BY name")) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
            return out;
        });
    }

    Future<Void> putRule(String name, String body, long atMs) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO alert_rules (name, body, updated_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT(name) DO UPDATE SET body = excluded.body, updated_ms = excluded.updated_ms")) {
                s.setString(1, name);
                s.setString(2, body);
                s.setLong(3, atMs);
                s.executeUpdate();
            }
            return null;
        });
    }

    Future<Void> deleteRule(String name) {
        return db.call(c -> update(c, "DELETE FROM alert_rules WHERE name = ?", name));
    }

    Future<List<Silence>> silences(long nowMs) {
        return db.call(c -> {
            List<Silence> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, matcher, until_ms, who, reason, created_ms FROM alert_silences WHERE until_ms > ?"
                            + " ORDER BY id")) {
                s.setLong(1, nowMs);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Silence(
                                r.getLong(1),
                                r.getString(2),
                                Instant.ofEpochMilli(r.getLong(3)),
                                r.getString(4),
                                r.getString(5),
                                Instant.ofEpochMilli(r.getLong(6))));
                    }
                }
            }
            return out;
        });
    }

    Future<Silence> addSilence(String matcher, Instant until, String who, String reason, Instant now) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO alert_silences (matcher, until_ms, who, reason, created_ms) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, matcher);
                s.setLong(2, until.toEpochMilli());
                s.setString(3, who);
                s.setString(4, reason);
                s.setLong(5, now.toEpochMilli());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return new Silence(keys.getLong(1), matcher, until, who, reason, now);
                }
            }
        });
    }

    Future<Void> deleteSilence(long id) {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM alert_silences WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static Void update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
        return null;
    }
}
