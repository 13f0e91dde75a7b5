package warden.host.metrics;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import warden.host.storage.Database;

/** Synthetic children for the storage benchmarks: the values they report and the buckets those make. Test code. */
public final class BenchTiers {

    private BenchTiers() {}

    static final long START = 1_790_000_000_000L;

    /**
     * Eleven series of a child that keeps changing: every value random in its range each second (a pessimistic case for
     * both the XOR encoding and the sketches).
     */
    public static Map<String, Double> busy(Random random, int child, int t) {
        Map<String, Double> v = new java.util.LinkedHashMap<>();
        v.put("cpu", random.nextDouble() * 30);
        v.put("readBytesPerSec", random.nextInt(10) == 0 ? random.nextDouble() * 1e5 : 0.0);
        v.put("writeBytesPerSec", random.nextInt(10) == 0 ? random.nextDouble() * 1e5 : 0.0);
        v.put("rssBytes", 4096.0 * (20_000 + random.nextInt(50_000)));
        v.put("vmsBytes", 4096.0 * (800_000 + random.nextInt(1000)));
        v.put("threads", 15.0 + random.nextInt(20));
        v.put("openFiles", 20.0 + random.nextInt(40));
        v.put("pid", 10_000.0 + child);
        v.put("uptimeSeconds", (double) t);
        v.put("restarts", 0.0);
        v.put("crashes", 0.0);
        return v;
    }

    /**
     * The same series of a mostly idle service, as /proc reports one: CPU at 0 with a short busy tick now and then,
     * RSS moving by a page once in a while, I/O rates 0, threads and open files steady.
     */
    public static Map<String, Double> idle(Random random, int child, int t) {
        Map<String, Double> v = new java.util.LinkedHashMap<>();
        v.put("cpu", random.nextInt(20) == 0 ? Math.round(random.nextDouble() * 40) / 10.0 : 0.0);
        v.put("readBytesPerSec", 0.0);
        v.put("writeBytesPerSec", random.nextInt(60) == 0 ? 4096.0 : 0.0);
        v.put("rssBytes", 4096.0 * (30_000 + child + t / 600));
        v.put("vmsBytes", 4096.0 * (800_000 + child));
        v.put("threads", 20.0);
        v.put("openFiles", 31.0);
        v.put("pid", 10_000.0 + child);
        v.put("uptimeSeconds", (double) t);
        v.put("restarts", 0.0);
        v.put("crashes", 0.0);
        return v;
    }

    /**
     * The open minute and hour buckets of {@code sources} children after {@code seconds} one-second samples from the
     * top of an hour (so at 3599 both are at their fullest); returned to keep them alive for a heap measurement.
     */
    public static Object openBuckets(int sources, int seconds, boolean busy) {
        Rollup rollup = new Rollup();
        Random random = new Random(3);
        long hour = Math.floorDiv(START, 3_600_000L) * 3_600_000L;
        for (int t = 0; t < seconds; t++) {
            for (int c = 0; c < sources; c++) {
                rollup.add("child-" + c, hour + t * 1000L, busy ? busy(random, c, t) : idle(random, c, t));
            }
            rollup.takeFinished(hour + t * 1000L);
        }
        return rollup;
    }

    /**
     * Bytes per series that one minute bucket and one hour bucket of {@code sources} children cost in SQLite, as
     * {sketch of a minute, whole minute bucket, sketch of an hour, whole hour bucket}: the rollup's buckets of one hour
     * written through the store (which merges the hour's sketches from its minutes), then read back.
     */
    public static double[] bucketBytes(Database db, int sources, boolean busy) throws Exception {
        Rollup rollup = new Rollup();
        Random random = new Random(3);
        long hour = Math.floorDiv(START, 3_600_000L) * 3_600_000L;
        for (int t = 0; t <= 3600; t++) {
            for (int c = 0; c < sources; c++) {
                rollup.add("child-" + c, hour + t * 1000L, busy ? busy(random, c, t) : idle(random, c, t));
            }
            List<Rollup.Closed> closed = rollup.takeFinished(hour + t * 1000L);
            db.callBlocking(c -> {
                STORE.write(c, List.of(), closed);
                return null;
            });
        }
        return db.callBlocking(c -> {
            double[] out = new double[4];
            for (int tier : new int[] {Rollup.MINUTE, Rollup.HOUR}) {
                int at = tier == Rollup.MINUTE ? 0 : 2;
                long values = 0;
                for (int s = 0; s < sources; s++) {
                    for (String series : busy(random, s, 0).keySet()) {
                        for (Rollup.Closed b : STORE.buckets(c, tier, "child-" + s, series, hour, hour + 3_600_000L)) {
                            double[] stats = b.stats().get(series);
                            out[at] += stats[1] == stats[2]
                                    ? 0
                                    : Sketches.encode(b.sketches().get(series)).length;
                            values++;
                        }
                    }
                }
                try (var q = c.prepareStatement("SELECT SUM(length(vals)) FROM metric_bucket WHERE tier = ?")) {
                    q.setInt(1, tier);
                    try (var r = q.executeQuery()) {
                        out[at + 1] = r.getLong(1);
                    }
                }
                out[at] /= values;
                out[at + 1] /= values;
            }
            return out;
        });
    }

    /**
     * Writes {@code ticks} one-second ticks of {@code sources} children through the raw tier, one transaction per tick
     * as the service does, each tick up to 3 ms late as a sampler's are; returns the number of source samples written.
     */
    public static long persist(Database db, int sources, int ticks, boolean busy) throws Exception {
        Random random = new Random(7);
        Random jitter = new Random(11);
        for (int t = 0; t < ticks; t++) {
            List<Sample> batch = new ArrayList<>();
            Instant at = Instant.ofEpochMilli(START + t * 1000L + jitter.nextInt(4));
            for (int c = 0; c < sources; c++) {
                batch.add(new Sample("child-" + c, at, busy ? busy(random, c, t) : idle(random, c, t)));
            }
            db.callBlocking(c -> {
                STORE.write(c, batch, List.of());
                return null;
            });
        }
        return (long) sources * ticks;
    }

    /**
     * Reads the raw values of one series of {@code child-0} over the first {@code millis} written; returns the CPU time
     * the database thread spent, after checking that every second is there.
     */
    public static long readSeries(Database db, String series, long millis) throws Exception {
        return db.callBlocking(c -> {
            long t = CPU.getCurrentThreadCpuTime();
            int n = STORE.values(c, "child-0", series, START, START + millis).count();
            return checked(CPU.getCurrentThreadCpuTime() - t, n, millis);
        });
    }

    /** Every series of {@code child-0} over the first {@code millis} written, as history reads them; as above. */
    public static long readSource(Database db, long millis) throws Exception {
        return db.callBlocking(c -> {
            long t = CPU.getCurrentThreadCpuTime();
            int n = STORE.raw(c, "child-0", START, START + millis).size();
            return checked(CPU.getCurrentThreadCpuTime() - t, n, millis);
        });
    }

    private static long checked(long cpu, int n, long millis) {
        if (n != millis / 1000) {
            throw new IllegalStateException("read " + n + " samples of " + millis / 1000);
        }
        return cpu;
    }

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Bytes of SQLite pages per table and index (the dbstat virtual table), after a checkpoint. */
    public static Map<String, Long> pages(Database db) throws Exception {
        return db.callBlocking(c -> {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (var s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                try (var r = s.executeQuery("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("dbstat: " + e.getMessage(), e);
            }
            return out;
        });
    }

    private static final TierStore STORE = new TierStore();
}
