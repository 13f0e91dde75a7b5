package warden.host.plugins;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.storage.Database;
import warden.host.storage.Retention;

/**
 * Reload records in the {@code plugin_reloads} table, so an admin can still see after a host restart when and why a
 * plugin was replaced; the newest {@link #KEEP_PER_PLUGIN} of each plugin are kept. A failed write is logged and costs
 * nothing else: the reload itself already happened.
 */
final class ReloadLog {

    static final int KEEP_PER_PLUGIN = 500;

    private static final Logger log = LoggerFactory.getLogger(ReloadLog.class);

    private final Database db;

    ReloadLog(Database db) {
        this.db = db;
    }

    void append(ReloadRecord r) {
        db.call(c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("INSERT INTO plugin_reloads VALUES (?,?,?,?,?,?,?)")) {
                        s.setString(1, r.pluginId());
                        s.setLong(2, r.at().toEpochMilli());
                        s.setString(3, r.fromVersion());
                        s.setString(4, r.toVersion());
                        s.setString(5, r.outcome().wire());
                        s.setString(6, r.reason());
                        s.setLong(7, r.took().toMillis());
                        s.executeUpdate();
                    }
                    return Retention.keepNewest(
                            c, "plugin_reloads", "plugin_id", r.pluginId(), "rowid", KEEP_PER_PLUGIN);
                })
                .onFailure(e -> log.warn("reload of {} not saved: {}", r.pluginId(), e.getMessage()));
    }

    /** Newest first; every plugin when {@code pluginId} is null. */
    Future<List<ReloadRecord>> recent(String pluginId, int limit) {
        return db.call(c -> {
            String sql = "SELECT * FROM plugin_reloads" + (pluginId == null ? "" : " WHERE plugin_id = ?")
                    + " ORDER BY at_millis DESC, rowid DESC LIMIT ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (pluginId != null) {
                    s.setString(i++, pluginId);
                }
                s.setInt(i, limit);
                List<ReloadRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ReloadRecord(
                                rs.getString("plugin_id"),
                                Instant.ofEpochMilli(rs.getLong("at_millis")),
                                rs.getString("from_version"),
                                rs.getString("to_version"),
                                ReloadOutcome.of(rs.getString("outcome")),
                                rs.getString("reason"),
                                Duration.ofMillis(rs.getLong("took_millis"))));
                    }
                }
                return out;
            }
        });
    }
}
