import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import warden.host.bus.Addresses;
import warden.host.config.MetricsConfig;
import warden.host.metrics.MetricsService;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * Whole-process cost of metrics: this JVM runs a MetricsService over N `sleep` children (every tick flushed to SQLite)
 * and reports its own CPU time over the measuring window as % of one core. Mode "baseline" runs the same JVM, Vert.x
 * and children with sampling off, so the difference is what sampling costs.
 *
 * Run through run.sh (java source launcher on warden.jar): args children, warmupSeconds, measureSeconds, mode.
 */
public class HundredChildren {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int measure = Integer.parseInt(args[2]);
        boolean sample = !args[3].equals("baseline");
        List<Process> processes = new ArrayList<>();
        List<ChildStatus> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder("sleep", "100000").start();
            processes.add(p);
            children.add(new ChildStatus("child-" + i, ChildKind.SERVICE, ChildState.RUNNING, Instant.now(), "bench",
                    p.pid(), Instant.now(), "1", 0, 0, 0, null));
        }
        Path dir = Files.createTempDirectory("warden-bench");
        Database db = Database.open(dir);
        Vertx vertx = Vertx.vertx();
        AtomicLong ticks = new AtomicLong();
        vertx.eventBus().consumer(Addresses.METRICS_TICK, m -> ticks.incrementAndGet());
        Context context = vertx.getOrCreateContext();
        CompletableFuture<MetricsService> started = new CompletableFuture<>();
        context.runOnContext(v -> {
            MetricsConfig config = new MetricsConfig(sample ? Duration.ofSeconds(1) : Duration.ZERO, Duration.ofHours(1));
            MetricsService metrics = new MetricsService(vertx, config, db, Clock.systemUTC(), () -> children);
            metrics.start().onSuccess(x -> started.complete(metrics)).onFailure(started::completeExceptionally);
        });
        started.get();
        Thread.sleep(warmup * 1000L);
        java.util.Map<String, Long> threads0 = threadTicks();
        long cpu0 = cpuNanos();
        long wall0 = System.nanoTime();
        long ticks0 = ticks.get();
        Thread.sleep(measure * 1000L);
        long cpu = cpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf("%s: %d children, %d ticks in %d s, process CPU %.3f %% of one core, db %d bytes%n",
                sample ? "sampling every 1 s" : "baseline (no sampling)", n, ticks.get() - ticks0, measure,
                100.0 * cpu / wall, Files.size(dir.resolve("warden.db")) + walSize(dir));
        java.util.Map<String, Long> threads1 = threadTicks();
        threads1.forEach((name, t) -> {
            long d = t - threads0.getOrDefault(name, 0L);
            if (d > 0) {
                System.out.printf("  %-32s %6.3f %% of one core%n", name, 100.0 * d * 10_000_000L / wall);
            }
        });
        processes.forEach(Process::destroyForcibly);
        vertx.close();
        System.exit(0);
    }

    private static long walSize(Path dir) throws Exception {
        Path wal = dir.resolve("warden.db-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    /** CPU time of this process from /proc/self/stat (utime + stime, in USER_HZ = 100 ticks). */
    private static long cpuNanos() throws Exception {
        String[] f = after(Files.readString(Path.of("/proc/self/stat")));
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** CPU ticks per thread name (threads of one pool summed), to see where the time goes. */
    private static java.util.Map<String, Long> threadTicks() throws Exception {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    String[] f = after(stat);
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (java.io.IOException e) {
                    // the thread ended
                }
            }
        }
        return ticks;
    }

    private static String[] after(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
