package warden.host.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import warden.host.metrics.BenchTiers;
import warden.host.storage.Database;

/**
 * Reading 24 h of one child's raw history back from SQLite: one series alone (what an aggregate over the raw tier
 * reads) and every series as samples (what a history query reads). The setup writes 24 simulated hours of
 * {@code children} children at 1 s, one transaction per tick, which takes a minute or two. Sample-time mode, so the
 * p99 is reported; {@link HistoryFootprint} gives the same figures with the database thread's CPU time beside them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class HistoryReadBench {

    private static final long DAY = 86_400_000L;

    @Param({"100"})
    public int children;

    @Param({"busy", "idle"})
    public String values;

    private Path dir;
    private Database db;

    @Setup
    public void write() throws Exception {
        dir = Files.createTempDirectory("warden-history-read");
        db = Database.open(dir);
        BenchTiers.persist(db, children, 86_400, values.equals("busy"));
    }

    @TearDown
    public void delete() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long oneSeries() throws Exception {
        return BenchTiers.readSeries(db, "cpu", DAY);
    }

    @Benchmark
    public long allSeries() throws Exception {
        return BenchTiers.readSource(db, DAY);
    }
}
