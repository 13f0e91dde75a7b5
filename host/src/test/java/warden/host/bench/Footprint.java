package warden.host.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import warden.host.metrics.BenchAccess;
import warden.host.metrics.BenchTiers;
import warden.host.storage.Database;

/**
 * Memory figures that JMH does not give: heap held by one hour of one-second history for 100 children, by their open
 * minute and hour buckets (with their percentile sketches) and the bytes a stored sketch costs, and SQLite bytes per
 * persisted raw sample. Run: {@code java -cp <test class path> warden.host.bench.Footprint}.
 */
public final class Footprint {

    public static void main(String[] args) throws Exception {
        for (int series : new int[] {11, 16}) {
            long before = usedHeap();
            Object windows = BenchAccess.windows(100, 3600, series);
            long after = usedHeap();
            System.out.printf(
                    "heap, 100 children x 3600 samples x %d series: %.1f MB (%s)%n",
                    series, (after - before) / 1e6, windows.getClass().getSimpleName());
        }
        for (boolean busy : new boolean[] {true, false, true, false}) {
            long before = usedHeap();
            Object open = BenchTiers.openBuckets(100, 3599, busy);
            long after = usedHeap();
            System.out.printf(
                    "%s, 100 children x 11 series: open minute + hour buckets at hh:59:59 hold %.2f MB of heap (%s)%n",
                    busy ? "busy" : "idle",
                    (after - before) / 1e6,
                    open.getClass().getSimpleName());
        }
        for (boolean busy : new boolean[] {true, false}) {
            Path buckets = Files.createTempDirectory("warden-buckets");
            try (Database db = Database.open(buckets)) {
                double[] b = BenchTiers.bucketBytes(db, 100, busy);
                System.out.printf(
                        "%s: stored per series, minute bucket %.1f B (sketch %.1f B), hour bucket %.1f B (sketch %.1f"
                                + " B)%n",
                        busy ? "busy" : "idle", b[1], b[0], b[3], b[2]);
            }
            delete(buckets);
        }
        Path dir = Files.createTempDirectory("warden-footprint");
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        long rows;
        try (Database db = Database.open(dir)) {
            rows = BenchTiers.persist(db, 100, ticks, true);
            db.callBlocking(c -> {
                try (var s = c.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    s.execute("VACUUM");
                }
                return null;
            });
        }
        long bytes = Files.size(dir.resolve("warden.db"));
        System.out.printf(
                "sqlite raw tier: %d samples (11 series each), %d bytes, %.1f bytes per sample%n",
                rows, bytes, (double) bytes / rows);
        delete(dir);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
