package warden.host.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQLite side of the metrics: raw samples, finished one-minute and one-hour buckets, and a dictionary that turns
 * source and series names into small ids.
 *
 * <p>Raw samples are written twice over. Each tick appends ONE journal row holding every source's sample ({@code
 * metric_tick}, keyed by time, so a commit dirties one or two pages); once a chunk's 15 s are over, its journal rows
 * are regrouped into one chunk row per source ({@code metric_raw}, keyed by source and chunk start, so a query for one
 * source reads up to 15 samples per row) and deleted. Writing per source every tick instead would dirty one B-tree page per source
 * per commit: 100 children at 1 s is 400 KB of WAL per second. A SIGKILL loses at most the tick being written; the
 * journal is compacted at the next write.
 *
 * <p>Owned by the database thread: every method takes the {@link Connection} that {@code Database.call} hands out.
 */
final class TierStore {

    static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS metric_name (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,"
                + " UNIQUE (kind, name))",
        "CREATE TABLE IF NOT EXISTS metric_tick (at INTEGER PRIMARY KEY, vals BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS metric_raw (source INTEGER NOT NULL, start INTEGER NOT NULL, vals BLOB NOT NULL,"
                + " PRIMARY KEY (source, start)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS metric_bucket (tier INTEGER NOT NULL, source INTEGER NOT NULL,"
                + " start INTEGER NOT NULL, vals BLOB NOT NULL, PRIMARY KEY (tier, source, start)) WITHOUT ROWID"
    };

    /**
     * A chunk of 15 s holds up to 15 samples at the shortest interval, under the ~1000 bytes that SQLite keeps inside a
     * WITHOUT ROWID page (4 KiB pages); a larger row spills into a mostly empty overflow page.
     */
    static final long CHUNK_MILLIS = 15_000L;

    private static final int SOURCE = 0;
    private static final int SERIES = 1;

    /** What start-up needs first: the known sources, and where each source's persisted buckets end. */
    record Loaded(List<String> sources, Map<Integer, Map<String, Long>> bucketEnds) {}

    private final List<Map<String, Integer>> ids = List.of(new HashMap<>(), new HashMap<>());
    private final Map<Integer, String> names = new HashMap<>();
    private Connection loadedFor;

    Loaded load(Connection c) throws SQLException {
        names(c);
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
        return new Loaded(List.copyOf(ids.get(SOURCE).keySet()), ends);
    }

    /**
     * Writes one tick's samples (one journal row per instant) and finished buckets in one transaction, and folds the
     * journal of chunks before this tick's into per-source rows.
     */
    void write(Connection c, List<Sample> samples, List<Rollup.Closed> buckets) throws SQLException {
        names(c);
        c.setAutoCommit(false);
        try (PreparedStatement tick = c.prepareStatement("INSERT OR REPLACE INTO metric_tick VALUES (?, ?)");
                PreparedStatement bucket =
                        c.prepareStatement("INSERT OR REPLACE INTO metric_bucket VALUES (?, ?, ?, ?)")) {
            Map<Long, ByteArrayOutputStream> rows = new LinkedHashMap<>();
            long newest = Long.MIN_VALUE;
            for (Sample s : samples) {
                long at = s.at().toEpochMilli();
                newest = Math.max(newest, at);
                ByteArrayOutputStream row =
                        rows.computeIfAbsent(at, k -> new ByteArrayOutputStream(samples.size() * 48));
                frame(row, id(c, SOURCE, s.source()), Codec.encodeSample(s.values(), name -> id(c, SERIES, name)));
            }
            for (Map.Entry<Long, ByteArrayOutputStream> e : rows.entrySet()) {
                tick.setLong(1, e.getKey());
                tick.setBytes(2, e.getValue().toByteArray());
                tick.addBatch();
            }
            for (Rollup.Closed b : buckets) {
                bucket.setInt(1, b.tier());
                bucket.setInt(2, id(c, SOURCE, b.source()));
                bucket.setLong(3, b.startMillis());
                bucket.setBytes(4, Codec.encodeBucket(b.stats(), name -> id(c, SERIES, name)));
                bucket.addBatch();
            }
            tick.executeBatch();
            bucket.executeBatch();
            if (newest != Long.MIN_VALUE) {
                compact(c, Math.floorDiv(newest, CHUNK_MILLIS) * CHUNK_MILLIS);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            loadedFor = null; // ids handed out inside the failed transaction are gone
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Moves journal rows before {@code before} into per-source chunks; cheap when there are none. */
    private void compact(Connection c, long before) throws SQLException {
        Map<Integer, Map<Long, ByteArrayOutputStream>> chunks = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT at, vals FROM metric_tick WHERE at < ? ORDER BY at")) {
            q.setLong(1, before);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(1);
                    long start = Math.floorDiv(at, CHUNK_MILLIS) * CHUNK_MILLIS;
                    ByteBuffer in = ByteBuffer.wrap(rs.getBytes(2));
                    while (in.hasRemaining()) {
                        int source = (int) Codec.varint(in);
                        byte[] sample = new byte[(int) Codec.varint(in)];
                        in.get(sample);
                        frame(
                                chunks.computeIfAbsent(source, k -> new HashMap<>())
                                        .computeIfAbsent(start, k -> new ByteArrayOutputStream(15 * 48)),
                                at - start,
                                sample);
                    }
                }
            }
        }
        if (chunks.isEmpty()) {
            return;
        }
        try (PreparedStatement old = c.prepareStatement("SELECT vals FROM metric_raw WHERE source = ? AND start = ?");
                PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO metric_raw VALUES (?, ?, ?)");
                PreparedStatement done = c.prepareStatement("DELETE FROM metric_tick WHERE at < ?")) {
            for (Map.Entry<Integer, Map<Long, ByteArrayOutputStream>> bySource : chunks.entrySet()) {
                for (Map.Entry<Long, ByteArrayOutputStream> chunk :
                        bySource.getValue().entrySet()) {
                    byte[] existing = null; // the same chunk compacted before a restart: keep both parts
                    old.setInt(1, bySource.getKey());
                    old.setLong(2, chunk.getKey());
                    try (ResultSet rs = old.executeQuery()) {
                        existing = rs.next() ? rs.getBytes(1) : null;
                    }
                    byte[] added = chunk.getValue().toByteArray();
                    byte[] all = existing == null ? added : concat(existing, added);
                    put.setInt(1, bySource.getKey());
                    put.setLong(2, chunk.getKey());
                    put.setBytes(3, all);
                    put.addBatch();
                }
            }
            put.executeBatch();
            done.setLong(1, before);
            done.executeUpdate();
        }
    }

    List<Sample> raw(Connection c, String source, long from, long to) throws SQLException {
        names(c);
        Integer id = ids.get(SOURCE).get(source);
        if (id == null) {
            return new ArrayList<>();
        }
        TreeMap<Long, Sample> found = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT start, vals FROM metric_raw WHERE source = ? AND start >= ? AND start < ? ORDER BY start")) {
            q.setInt(1, id);
            q.setLong(2, Math.floorDiv(from, CHUNK_MILLIS) * CHUNK_MILLIS);
            q.setLong(3, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(1);
                    ByteBuffer in = ByteBuffer.wrap(rs.getBytes(2));
                    while (in.hasRemaining()) {
                        long at = start + Codec.varint(in);
                        byte[] sample = new byte[(int) Codec.varint(in)];
                        in.get(sample);
                        if (at >= from && at < to) {
                            found.put(at, decode(source, at, sample));
                        }
                    }
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT at, vals FROM metric_tick WHERE at >= ? AND at < ?")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ByteBuffer in = ByteBuffer.wrap(rs.getBytes(2));
                    while (in.hasRemaining()) {
                        int s = (int) Codec.varint(in);
                        byte[] sample = new byte[(int) Codec.varint(in)];
                        in.get(sample);
                        if (s == id) {
                            found.put(rs.getLong(1), decode(source, rs.getLong(1), sample));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private Sample decode(String source, long at, byte[] sample) {
        return new Sample(
                source, Instant.ofEpochMilli(at), Collections.unmodifiableMap(Codec.decodeSample(sample, names::get)));
    }

    private static void frame(ByteArrayOutputStream out, long key, byte[] body) {
        Codec.varint(out, key);
        Codec.varint(out, body.length);
        out.writeBytes(body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
        try (PreparedStatement tick = c.prepareStatement("DELETE FROM metric_tick WHERE at < ?")) {
            tick.setLong(1, rawBefore);
            tick.executeUpdate();
        }
        try (PreparedStatement raw = c.prepareStatement("DELETE FROM metric_raw WHERE source = ? AND start <= ?");
                PreparedStatement bucket =
                        c.prepareStatement("DELETE FROM metric_bucket WHERE tier = ? AND source = ? AND start < ?")) {
            for (int id : ids.get(SOURCE).values()) {
                raw.setInt(1, id);
                raw.setLong(2, rawBefore - CHUNK_MILLIS); // only chunks wholly past retention
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
