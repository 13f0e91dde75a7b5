package warden.host.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import warden.host.metrics.BenchTiers;
import warden.host.storage.Database;

/**
 * The raw tier on disk and read back: {@code children} children × 11 series sampled every second for {@code hours}
 * simulated hours, written one transaction per tick as the service writes them; then the bytes of SQLite pages per
 * stored value (dbstat, so free pages and the WAL do not count; the file size beside it) and the time to read the
 * first 24 h (or all there is) of one child, one series alone and all of its series.
 *
 * <p>Run: {@code java -cp <test class path> warden.host.bench.HistoryFootprint [children] [hours] [busy|idle]}.
 */
public final class HistoryFootprint {

    private static final int SERIES = 11;

    public static void main(String[] args) throws Exception {
        int children = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        boolean busy = args.length <= 2 || args[2].equals("busy");
        Path dir = Files.createTempDirectory("warden-history");
        try (Database db = Database.open(dir)) {
            int ticks = (int) Math.round(hours * 3600);
            long t0 = System.nanoTime();
            long samples = BenchTiers.persist(db, children, ticks, busy);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> pages = BenchTiers.pages(db);
            long raw = pages.getOrDefault("metric_chunk", 0L)
                    + pages.getOrDefault("metric_chunk_by_source", 0L)
                    + pages.getOrDefault("metric_tick", 0L);
            long values = samples * SERIES;
            System.out.printf(
                    "%s children: %d x %d series x %d s (%.1f h), written in %.1f s (%.2f ms a tick)%n",
                    busy ? "busy" : "idle", children, SERIES, ticks, hours, writeSeconds, writeSeconds * 1e3 / ticks);
            System.out.printf(
                    "raw tier pages %d bytes: %.2f B per value, %.1f B per child sample of %d series; file %d bytes%n",
                    raw, (double) raw / values, (double) raw / samples, SERIES, Files.size(dir.resolve("warden.db")));
            System.out.println("pages by table: " + pages);
            long span = Math.min(ticks, 86_400) * 1000L;
            time("one series (cpu)", span, () -> BenchTiers.readSeries(db, "cpu", span));
            time("one child, all series", span, () -> BenchTiers.readSource(db, span));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One read; returns the CPU time the database thread spent on it. */
    @FunctionalInterface
    private interface Read {
        long run() throws Exception;
    }

    /**
     * 20 warm-up reads, then 50 timed ones: median and p95 of wall time, and the median CPU time of the database
     * thread that does the read (robust on a busy box, where wall time includes waiting for a core).
     */
    private static void time(String what, long span, Read read) throws Exception {
        for (int i = 0; i < 20; i++) {
            read.run();
        }
        long[] wall = new long[50];
        long[] cpu = new long[50];
        for (int i = 0; i < wall.length; i++) {
            long t = System.nanoTime();
            cpu[i] = read.run();
            wall[i] = System.nanoTime() - t;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(
                "read %.1f h of %s (%d samples): wall median %.2f ms, p95 %.2f ms; CPU median %.2f ms%n",
                span / 3.6e6, what, span / 1000, wall[25] / 1e6, wall[47] / 1e6, cpu[25] / 1e6);
    }
}
