package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The finished one-minute and one-hour buckets in SQLite ({@code metric_bucket}, one {@link Codec} BLOB per tier,
 * source and start). Owned by the database thread, like the {@link TierStore} that holds it.
 *
 * <p>An hour bucket's sketches are not built from samples in memory: when it is written, the sketches of its (already
 * stored) minute buckets are merged into it. A DDSketch merge adds bin counts, so the result is the very sketch the
 * hour's samples would have made, and the host keeps one open sketch per series instead of two.
 */
final class BucketTier {

    private final NameIds names;

    BucketTier(NameIds names) {
        this.names = names;
    }

    /** Where each source's persisted buckets of {@code tier} end. */
    Map<String, Long> ends(Connection c, int tier) throws SQLException {
        Map<String, Long> ends = new HashMap<>();
        try (PreparedStatement q =
                c.prepareStatement("SELECT source, MAX(start) FROM metric_bucket WHERE tier = ? GROUP BY source")) {
            q.setInt(1, tier);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ends.put(names.name(rs.getInt(1)), rs.getLong(2) + Rollup.bucketMillis(tier));
                }
            }
        }
        return ends;
    }

    /** Writes finished buckets, minutes first: an hour's sketches come from its minutes, this batch's included. */
    void write(Connection c, List<Rollup.Closed> buckets) throws SQLException {
        try (PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO metric_bucket VALUES (?, ?, ?, ?)")) {
            for (int tier : new int[] {Rollup.MINUTE, Rollup.HOUR}) {
                for (Rollup.Closed b : buckets) {
                    if (b.tier() != tier) {
                        continue;
                    }
                    int source = names.id(c, NameIds.SOURCE, b.source());
                    Map<String, DDSketch> sketches = tier == Rollup.HOUR ? fromMinutes(c, b) : b.sketches();
                    put.setInt(1, tier);
                    put.setInt(2, source);
                    put.setLong(3, b.startMillis());
                    put.setBytes(4, Codec.encodeBucket(b.stats(), sketches, n -> names.id(c, NameIds.SERIES, n)));
                    put.executeUpdate(); // not batched: the hour after these minutes reads them back
                }
            }
        }
    }

    /**
     * The hour's sketch of each series that varied in it, merged from the hour's minute buckets. A sketch that does not
     * hold the hour's count (minutes written before sketches, by the build before an upgrade) is left out: the hour's
     * percentiles are then unknown rather than those of part of it.
     */
    private Map<String, DDSketch> fromMinutes(Connection c, Rollup.Closed hour) throws SQLException {
        Map<String, DDSketch> merged = new HashMap<>();
        long end = hour.startMillis() + Rollup.bucketMillis(Rollup.HOUR);
        for (Rollup.Closed minute : read(c, Rollup.MINUTE, hour.source(), name -> true, hour.startMillis(), end)) {
            minute.sketches().forEach((series, sketch) -> {
                double[] s = hour.stats().get(series);
                if (s != null && s[1] != s[2]) { // a series constant all hour needs none
                    merged.computeIfAbsent(series, k -> Sketches.empty()).mergeWith(sketch);
                }
            });
        }
        merged.entrySet()
                .removeIf(e -> Math.round(e.getValue().getCount())
                        != (long) hour.stats().get(e.getKey())[0]);
        return merged;
    }

    /**
     * The buckets of {@code tier} of {@code source} starting in [from, to), oldest first, with the sketches of the
     * series {@code sketchOf} accepts (the others are skipped unread).
     */
    List<Rollup.Closed> read(Connection c, int tier, String source, Predicate<String> sketchOf, long from, long to)
            throws SQLException {
        int id = names.find(NameIds.SOURCE, source);
        List<Rollup.Closed> out = new ArrayList<>();
        if (id < 0) {
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
                    Map<String, double[]> stats = new LinkedHashMap<>();
                    Map<String, DDSketch> sketches = new HashMap<>();
                    Codec.decodeBucket(rs.getBytes(2), names::name, sketchOf, stats, sketches);
                    out.add(new Rollup.Closed(tier, source, rs.getLong(1), stats, sketches));
                }
            }
        }
        return out;
    }

    /** Deletes buckets past retention, source by source so each delete walks the primary key. */
    void prune(Connection c, List<Integer> sources, long minuteBefore, long hourBefore) throws SQLException {
        try (PreparedStatement bucket =
                c.prepareStatement("DELETE FROM metric_bucket WHERE tier = ? AND source = ? AND start < ?")) {
            for (int id : sources) {
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
}
