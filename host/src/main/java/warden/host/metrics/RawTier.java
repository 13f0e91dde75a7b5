package warden.host.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raw samples in SQLite: a journal of ticks ({@code metric_tick}) in front of compressed per-source chunks ({@code
 * metric_chunk}, {@link Chunk}).
 *
 * <p>Why two tables: a chunk compresses only once it holds many samples, but a sample must be on disk by the end of
 * its tick, since a host SIGKILL may lose one sampling interval at most. Rewriting every source's open chunk each tick
 * would dirty one B-tree page per source per commit (100 children at 1 s: ~400 KB of WAL a second) and re-encode the
 * whole chunk each time. So each tick appends ONE journal row holding every source's sample (a commit dirties one or
 * two pages), and once a chunk's {@link #CHUNK_MILLIS} are over its journal rows are folded into one chunk row per
 * source and deleted, in the same transaction. The cost: the newest chunk span is stored uncompressed (~45 B a value),
 * which is 1/720 of a day of raw retention. A SIGKILL loses at most the tick being written; the journal is folded at
 * the next write.
 *
 * <p>Journal row: the version byte ({@link Codec#V1}), then per source a varint source id, a varint length and the
 * sample ({@link Codec#encodeSample}). Owned by the database thread.
 */
final class RawTier {

    /**
     * Two minutes: 120 samples per series at 1 s (24 at 5 s), enough that a chunk's headers cost well under a byte a
     * value, and a chunk of a busy child stays under the ~4 KB a rowid-table row keeps inside its page.
     */
    static final long CHUNK_MILLIS = 120_000L;

    static long chunkStart(long at) {
        return Math.floorDiv(at, CHUNK_MILLIS) * CHUNK_MILLIS;
    }

    /** Appends one journal row per instant: {@code rows} maps the instant to its frames. */
    void append(Connection c, Map<Long, ByteArrayOutputStream> rows) throws SQLException {
        try (PreparedStatement tick = c.prepareStatement("INSERT OR REPLACE INTO metric_tick VALUES (?, ?)")) {
            for (Map.Entry<Long, ByteArrayOutputStream> e : rows.entrySet()) {
                tick.setLong(1, e.getKey());
                tick.setBytes(2, e.getValue().toByteArray());
                tick.addBatch();
            }
            tick.executeBatch();
        }
    }

    /** A new journal row's buffer, starting with its version byte. */
    static ByteArrayOutputStream journalRow(int capacity) {
        ByteArrayOutputStream row = new ByteArrayOutputStream(capacity);
        row.write(Codec.V1);
        return row;
    }

    /** Appends one source's sample to a journal row. */
    static void frame(ByteArrayOutputStream row, int source, byte[] sample) {
        Codec.varint(row, source);
        Codec.varint(row, sample.length);
        row.writeBytes(sample);
    }

    /** Folds journal rows before {@code before} into per-source chunks; cheap when there are none. */
    void compact(Connection c, long before) throws SQLException {
        // source → chunk start → time → series id → value
        Map<Integer, Map<Long, TreeMap<Long, Map<Integer, Double>>>> chunks = new HashMap<>();
        journal(c, Long.MIN_VALUE, before, -1, (source, at, in, length) -> chunks.computeIfAbsent(
                        source, k -> new HashMap<>())
                .computeIfAbsent(chunkStart(at), k -> new TreeMap<>())
                .put(at, Codec.decodeSample(in, length)));
        if (chunks.isEmpty()) {
            return;
        }
        try (PreparedStatement old =
                        c.prepareStatement("SELECT vals FROM metric_chunk WHERE source = ? AND start = ?");
                PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO metric_chunk VALUES (?, ?, ?)");
                PreparedStatement done = c.prepareStatement("DELETE FROM metric_tick WHERE at < ?")) {
            for (Map.Entry<Integer, Map<Long, TreeMap<Long, Map<Integer, Double>>>> bySource : chunks.entrySet()) {
                for (Map.Entry<Long, TreeMap<Long, Map<Integer, Double>>> chunk :
                        bySource.getValue().entrySet()) {
                    TreeMap<Long, Map<Integer, Double>> samples = chunk.getValue();
                    old.setInt(1, bySource.getKey());
                    old.setLong(2, chunk.getKey());
                    try (ResultSet rs = old.executeQuery()) {
                        if (rs.next()) { // the same span folded before a restart: keep both parts
                            Chunk.decode(rs.getBytes(1), chunk.getKey(), -1)
                                    .samples()
                                    .forEach(samples::putIfAbsent);
                        }
                    }
                    put.setInt(1, bySource.getKey());
                    put.setLong(2, chunk.getKey());
                    put.setBytes(3, Chunk.of(samples).encode(chunk.getKey()));
                    put.addBatch();
                }
            }
            put.executeBatch();
            done.setLong(1, before);
            done.executeUpdate();
        }
    }

    /** Every chunk of {@code source} that may hold samples in [from, to), oldest first, decoded. */
    void chunks(Connection c, int source, int onlySeries, long from, long to, ChunkSink sink) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT start, vals FROM metric_chunk"
                + " WHERE source = ? AND start >= ? AND start < ? ORDER BY start")) {
            q.setInt(1, source);
            q.setLong(2, chunkStart(from));
            q.setLong(3, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    sink.accept(Chunk.decode(rs.getBytes(2), rs.getLong(1), onlySeries));
                }
            }
        }
    }

    /** Each journal frame in [from, to) of {@code source} (-1: of every source), oldest first. */
    void journal(Connection c, long from, long to, int source, FrameSink sink) throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement("SELECT at, vals FROM metric_tick WHERE at >= ? AND at < ? ORDER BY at")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(1);
                    ByteBuffer in = ByteBuffer.wrap(rs.getBytes(2));
                    int version = in.get() & 0xFF;
                    Codec.requireKnown("journal", version, Codec.V1); // the migration tagged older rows V1
                    while (in.hasRemaining()) {
                        int s = (int) Codec.varint(in);
                        int length = (int) Codec.varint(in);
                        int next = in.position() + length;
                        if (source < 0 || s == source) {
                            sink.accept(s, at, in, length);
                        }
                        in.position(next);
                    }
                }
            }
        }
    }

    /** Deletes chunks and journal rows wholly before {@code before}. */
    void prune(Connection c, List<Integer> sources, long before) throws SQLException {
        try (PreparedStatement tick = c.prepareStatement("DELETE FROM metric_tick WHERE at < ?")) {
            tick.setLong(1, before);
            tick.executeUpdate();
        }
        try (PreparedStatement raw = c.prepareStatement("DELETE FROM metric_chunk WHERE source = ? AND start <= ?")) {
            for (int id : sources) { // source by source, so each delete walks the index
                raw.setInt(1, id);
                raw.setLong(2, before - CHUNK_MILLIS);
                raw.executeUpdate();
            }
        }
    }

    @FunctionalInterface
    interface ChunkSink {
        void accept(Chunk chunk);
    }

    /** A journal frame: the sample is {@code in}'s next {@code length} bytes. */
    @FunctionalInterface
    interface FrameSink {
        void accept(int source, long at, ByteBuffer in, int length);
    }
}
