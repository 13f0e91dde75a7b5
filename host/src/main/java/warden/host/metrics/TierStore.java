package warden.host.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQLite side of the metrics: raw samples (one row per source and instant, values packed by {@link Codec}) and
 * finished one-minute and one-hour buckets, plus a dictionary that turns source and series names into small ids.
 *
 * <p>Owned by the database thread: every method takes the {@link Connection} that {@code Database.call} hands out.
 */
final class TierStore {

    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS metric_name (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,"
                + " UNIQUE (kind, name))",
        "CREATE TABLE IF NOT EXISTS metric_raw (source INTEGER NOT NULL, at INTEGER NOT NULL, vals BLOB NOT NULL,"
                + " PRIMARY KEY (source, at)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS metric_bucket (tier INTEGER NOT NULL, source INTEGER NOT NULL,"
                + " start INTEGER NOT NULL, vals BLOB NOT NULL, PRIMARY KEY (tier, source, start)) WITHOUT ROWID"
    };

    private static final int SOURCE = 0;
    private static final int SERIES = 1;

    /** What start-up reloads: recent raw samples per source, and where each source's persisted buckets end. */
    record Loaded(Map<String, List<Sample>> samples, Map<Integer, Map<String, Long>> bucketEnds) {}

    private final List<Map<String, Integer>> ids = List.of(new HashMap<>(), new HashMap<>());
    private final Map<Integer, String> names = new HashMap<>();
    private Connection loadedFor;

    Loaded load(Connection c, long fromMillis) throws SQLException {
        names(c);
        Map<String, List<Sample>> samples = new HashMap<>();
        for (String source : ids.get(SOURCE).keySet()) {
            samples.put(source, raw(c, source, fromMillis, Long.MAX_VALUE));
        }
        Map<Integer, Map<String, Long>> ends = new HashMap<>();
        for (int tier : new int[] {Rollup.MINUTE, Rollup.HOUR}) {
            Map<String, Long> byTier = new HashMap<>();
            try (PreparedStatement q =
                    c.prepareStatement("SELECT source, MAX(start) FROM metric_bucket WHERE tier = ? GROUP BY source")) {
                q.setInt(1, tier);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        byTier.put(names.get(rs.getInt(1)), rs.getLong(2) + Rollup.bucketMillis(tier));
                    }
                }
            }
            ends.put(tier, byTier);
        }
        return new Loaded(samples, ends);
    }

    /** Writes one tick's samples and finished buckets in one transaction. */
    void write(Connection c, List<Sample> samples, List<Rollup.Closed> buckets) throws SQLException {
        names(c);
        c.setAutoCommit(false);
        try (PreparedStatement raw = c.prepareStatement("INSERT OR REPLACE INTO metric_raw VALUES (?, ?, ?)");
                PreparedStatement bucket =
                        c.prepareStatement("INSERT OR REPLACE INTO metric_bucket VALUES (?, ?, ?, ?)")) {
            for (Sample s : samples) {
                raw.setInt(1, id(c, SOURCE, s.source()));
                raw.setLong(2, s.at().toEpochMilli());
                raw.setBytes(3, Codec.encodeSample(s.values(), name -> id(c, SERIES, name)));
                raw.addBatch();
            }
            for (Rollup.Closed b : buckets) {
                bucket.setInt(1, b.tier());
                bucket.setInt(2, id(c, SOURCE, b.source()));
                bucket.setLong(3, b.startMillis());
                bucket.setBytes(4, Codec.encodeBucket(b.stats(), name -> id(c, SERIES, name)));
                bucket.addBatch();
            }
            raw.executeBatch();
            bucket.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            loadedFor = null; // ids handed out inside the failed transaction are gone
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    List<Sample> raw(Connection c, String source, long from, long to) throws SQLException {
        names(c);
        Integer id = ids.get(SOURCE).get(source);
        List<Sample> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        try (PreparedStatement q = c.prepareStatement(
                "SELECT at, vals FROM metric_raw WHERE source = ? AND at >= ? AND at < ? ORDER BY at")) {
            q.setInt(1, id);
            q.setLong(2, from);
            q.setLong(3, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Map<String, Double> values = Codec.decodeSample(rs.getBytes(2), names::get);
                    out.add(new Sample(
                            source, Instant.ofEpochMilli(rs.getLong(1)), Collections.unmodifiableMap(values)));
                }
            }
        }
        return out;
    }

    List<Rollup.Closed> buckets(Connection c, int tier, String source, long from, long to) throws SQLException {
        names(c);
        Integer id = ids.get(SOURCE).get(source);
        List<Rollup.Closed> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT start, vals FROM metric_bucket"
                + " WHERE tier = ? AND source = ? AND start >= ? AND start < ? ORDER BY start")) {
            q.setInt(1, tier);
            q.setInt(2, id);
            q.setLong(3, Math.floorDiv(from, Rollup.bucketMillis(tier)) * Rollup.bucketMillis(tier));
            q.setLong(4, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Rollup.Closed(
                            tier, source, rs.getLong(1), Codec.decodeBucket(rs.getBytes(2), names::get)));
                }
            }
        }
        return out;
    }

    /** Deletes what is past retention, source by source so each delete walks the primary key. */
    void prune(Connection c, long rawBefore, long minuteBefore, long hourBefore) throws SQLException {
        names(c);
        try (PreparedStatement raw = c.prepareStatement("DELETE FROM metric_raw WHERE source = ? AND at < ?");
                PreparedStatement bucket =
                        c.prepareStatement("DELETE FROM metric_bucket WHERE tier = ? AND source = ? AND start < ?")) {
            for (int id : ids.get(SOURCE).values()) {
                raw.setInt(1, id);
                raw.setLong(2, rawBefore);
                raw.executeUpdate();
                bucket.setInt(2, id);
                bucket.setInt(1, Rollup.MINUTE);
                bucket.setLong(3, minuteBefore);
                bucket.executeUpdate();
                bucket.setInt(1, Rollup.HOUR);
                bucket.setLong(3, hourBefore);
                bucket.executeUpdate();
            }
        }
    }

    private void names(Connection c) throws SQLException {
        if (loadedFor == c) {
            return;
        }
        ids.forEach(Map::clear);
        names.clear();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, kind, name FROM metric_name")) {
            while (rs.next()) {
                ids.get(rs.getInt(2)).put(rs.getString(3), rs.getInt(1));
                names.put(rs.getInt(1), rs.getString(3));
            }
        }
        loadedFor = c;
    }

    private int id(Connection c, int kind, String name) {
        Integer known = ids.get(kind).get(name);
        if (known != null) {
            return known;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO metric_name (kind, name) VALUES (?, ?)")) {
            insert.setInt(1, kind);
            insert.setString(2, name);
            insert.executeUpdate();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                int id = rs.getInt(1);
                ids.get(kind).put(name, id);
                names.put(id, name);
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot name " + name, e);
        }
    }
}
