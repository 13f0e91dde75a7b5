package warden.host.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import warden.host.metrics.BenchAccess;
import warden.host.storage.Database;

/**
 * Memory figures that JMH does not give: heap held by one hour of one-second history for 100 children, and SQLite
 * bytes per persisted raw sample. Run: {@code java -cp <test class path> warden.host.bench.Footprint}.
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
        Path dir = Files.createTempDirectory("warden-footprint");
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        long rows;
        try (Database db = Database.open(dir)) {
            rows = BenchAccess.persist(db, 100, ticks);
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
