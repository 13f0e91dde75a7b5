package warden.host.metrics;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The SQLite side of the metrics: raw samples ({@link RawTier}), finished one-minute and one-hour buckets ({@link
 * BucketTier}), and the dictionary of names ({@link NameIds}). The tables are created by the schema
 * migrations ({@code storage.Schema}).
 *
 * <p>Owned by the database thread: every method takes the {@link Connection} that {@code Database.call} hands out.
 */
final class TierStore {

    /** What start-up needs first: the known sources, and where each source's persisted buckets end. */
    record Loaded(List<String> sources, Map<Integer, Map<String, Long>> bucketEnds) {}

    /** One series' raw values in a range, in no particular order, and the times of the first and last. */
    record Values(double[] values, int count, long first, long last) {}

    private final NameIds names = new NameIds();
    private final RawTier raw = new RawTier();
    private final BucketTier buckets = new BucketTier(names);
    /** The journal before this is folded already: looking again costs a query per tick for nothing until it moves. */
    private long compactedBefore = Long.MIN_VALUE;

    Loaded load(Connection c) throws SQLException {
        names.load(c);
        Map<Integer, Map<String, Long>> ends = new HashMap<>();
        ends.put(Rollup.MINUTE, buckets.ends(c, Rollup.MINUTE));
        ends.put(Rollup.HOUR, buckets.ends(c, Rollup.HOUR));
        return new Loaded(List.copyOf(names.sources().keySet()), ends);
    }

    /**
     * Writes one tick's samples (one journal row per instant) and finished buckets in one transaction, and folds the
     * journal of chunks before this tick's into compressed per-source chunks (once per chunk span: a row a clock gone
     * back puts before a folded span waits for the next one).
     */
    void write(Connection c, List<Sample> samples, List<Rollup.Closed> closed) throws SQLException {
        names.load(c);
        c.setAutoCommit(false);
        try {
            Map<Long, ByteArrayOutputStream> rows = new LinkedHashMap<>();
            long newest = Long.MIN_VALUE;
            for (Sample s : samples) {
                long at = s.at().toEpochMilli();
                newest = Math.max(newest, at);
                RawTier.frame(
                        rows.computeIfAbsent(at, k -> RawTier.journalRow(1 + samples.size() * 48)),
                        names.id(c, NameIds.SOURCE, s.source()),
                        Codec.encodeSample(s.values(), name -> names.id(c, NameIds.SERIES, name)));
            }
            raw.append(c, rows);
            buckets.write(c, closed);
            long fold = newest == Long.MIN_VALUE ? Long.MIN_VALUE : RawTier.chunkStart(newest);
            if (fold > compactedBefore) {
                raw.compact(c, fold);
            }
            c.commit();
            compactedBefore = Math.max(compactedBefore, fold);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            names.forget();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The raw samples of {@code source} in [from, to), oldest first. */
    List<Sample> raw(Connection c, String source, long from, long to) throws SQLException {
        names.load(c);
        int id = names.find(NameIds.SOURCE, source);
        List<Sample> found = new ArrayList<>();
        if (id < 0) {
            return found;
        }
        raw.chunks(c, id, -1, from, to, chunk -> {
            long[] times = chunk.times();
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= from && times[i] < to) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (Map.Entry<Integer, long[]> col : chunk.columns().entrySet()) {
                        String name = names.name(col.getKey());
                        if (col.getValue()[i] != Gorilla.GAP && name != null) {
                            values.put(name, Double.longBitsToDouble(col.getValue()[i]));
                        }
                    }
                    found.add(sample(source, times[i], values));
                }
            }
        });
        raw.journal(c, from, to, id, (s, at, in, length) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            Codec.decodeSample(in, length).forEach((series, v) -> {
                String name = names.name(series);
                if (name != null) {
                    values.put(name, v);
                }
            });
            found.add(sample(source, at, values));
        });
        return inOrder(found);
    }

    /** The raw values of one series of {@code source} in [from, to): only that column of each chunk is decoded. */
    Values values(Connection c, String source, String series, long from, long to) throws SQLException {
        names.load(c);
        int id = names.find(NameIds.SOURCE, source);
        int seriesId = names.find(NameIds.SERIES, series);
        Accumulator acc = new Accumulator();
        if (id < 0 || seriesId < 0) {
            return acc.done();
        }
        raw.chunks(c, id, seriesId, from, to, chunk -> {
            long[] times = chunk.times();
            long[] column = chunk.columns().get(seriesId);
            for (int i = 0; column != null && i < times.length; i++) {
                if (times[i] >= from && times[i] < to && column[i] != Gorilla.GAP) {
                    acc.add(times[i], Double.longBitsToDouble(column[i]));
                }
            }
        });
        raw.journal(c, from, to, id, (s, at, in, length) -> {
            Double v = Codec.decodeSample(in, length).get(seriesId);
            if (v != null) {
                acc.add(at, v);
            }
        });
        return acc.done();
    }

    /**
     * The buckets of {@code tier} of {@code source} starting in [from, to), with the sketch of {@code sketchOf} only
     * (null: none), oldest first.
     */
    List<Rollup.Closed> buckets(Connection c, int tier, String source, String sketchOf, long from, long to)
            throws SQLException {
        names.load(c);
        return buckets.read(c, tier, source, name -> name.equals(sketchOf), from, to);
    }

    /** Deletes what is past retention, source by source so each delete walks the primary key. */
    void prune(Connection c, long rawBefore, long minuteBefore, long hourBefore) throws SQLException {
        names.load(c);
        List<Integer> sources = List.copyOf(names.sources().values());
        raw.prune(c, sources, rawBefore);
        buckets.prune(c, sources, minuteBefore, hourBefore);
    }

    private static Sample sample(String source, long at, Map<String, Double> values) {
        return new Sample(source, Instant.ofEpochMilli(at), Collections.unmodifiableMap(values));
    }

    /**
     * Chunks come in time order and the journal after them, so the list is almost always sorted already; a chunk
     * written by a host whose clock went back is the exception, sorted here, a duplicate time kept once.
     */
    private static List<Sample> inOrder(List<Sample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            if (!samples.get(i - 1).at().isBefore(samples.get(i).at())) {
                Map<Instant, Sample> byTime = new TreeMap<>();
                samples.forEach(s -> byTime.put(s.at(), s));
                return new ArrayList<>(byTime.values());
            }
        }
        return samples;
    }

    private static final class Accumulator {
        private double[] values = new double[1024];
        private int n;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        void add(long at, double v) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
            first = Math.min(first, at);
            last = Math.max(last, at);
        }

        Values done() {
            return new Values(values, n, n == 0 ? 0 : first, n == 0 ? 0 : last);
        }
    }
}
