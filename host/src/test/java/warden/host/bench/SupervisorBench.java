package warden.host.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import warden.host.bus.Addresses;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.RestartSpec;
import warden.host.supervisor.Supervisor;

/**
 * Whole-process figures for the supervisor, taken the way issue 2 asks (bench/supervisor/run.sh runs it):
 *
 * <ol>
 *   <li>SIGKILL of a child to its exit being seen (CRASHED published) and to its replacement RUNNING, 20 kills;
 *   <li>start of 100 children (all processes exist; all RUNNING) and graceful stop of all 100;
 *   <li>this JVM's RSS and CPU while it supervises 0 (the JVM and Vert.x alone), 10 and 100 idle children, after
 *       settling.
 * </ol>
 *
 * Children are {@code sleep 100000} with no readiness check (settle 0), so RUNNING means "the process exists" and
 * the figures are the supervisor's own. Args: {@code [settleSeconds] [windowSeconds]} for the idle measurement.
 */
public final class SupervisorBench {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Supervisor supervisor;

    private SupervisorBench(Path dataDir) throws Exception {
        Database db = Database.open(dataDir);
        CompletableFuture<Supervisor> created = new CompletableFuture<>();
        context.runOnContext(v -> created.complete(new Supervisor(vertx, db, dataDir, Clock.systemUTC())));
        supervisor = created.get();
    }

    public static void main(String[] args) throws Exception {
        long settleS = args.length > 0 ? Long.parseLong(args[0]) : 15;
        long windowS = args.length > 1 ? Long.parseLong(args[1]) : 60;
        Path dataDir = Files.createTempDirectory("warden-bench");
        SupervisorBench bench = new SupervisorBench(dataDir);
        System.out.println(
                "load average " + Files.readString(Path.of("/proc/loadavg")).trim());
        rawSpawnFloor(20);
        bench.restartLatency(20);
        bench.startStop(100);
        bench.idle(0, settleS, windowS);
        bench.idle(10, settleS, windowS);
        bench.idle(100, settleS, windowS);
        bench.await(Supervisor::close);
        bench.vertx.close().toCompletionStage().toCompletableFuture().get();
        System.exit(0);
    }

    private static ChildSpec sleeper(String id) {
        RestartSpec restartAtOnce = new RestartSpec(
                RestartSpec.Policy.ON_FAILURE,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ZERO,
                1000,
                Duration.ofMinutes(5));
        return new ChildSpec(
                id,
                ChildKind.SERVICE,
                List.of("sleep", "100000"),
                null,
                Map.of(),
                Readiness.settle(Duration.ZERO),
                null,
                restartAtOnce,
                null);
    }

    /** The JDK alone: ProcessBuilder.start of the same wrapped command, for a ratio on a busy machine. */
    private static void rawSpawnFloor(int n) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "sleep", "100000").start();
            ms.add((System.nanoTime() - t0) / 1e6);
            p.destroyForcibly().waitFor();
            Thread.sleep(20);
        }
        System.out.printf(
                Locale.ROOT,
                "floor    n=%d  ProcessBuilder.start alone  median %.2f ms  p95 %.2f ms%n",
                n,
                percentile(ms, 50),
                percentile(ms, 95));
    }

    private void restartLatency(int kills) throws Exception {
        List<Double> exitSeenMs = new ArrayList<>();
        List<Double> runningMs = new ArrayList<>();
        List<Double> startingMs = new ArrayList<>();
        long[] killedAt = {0};
        long[] pid = {0};
        Promise<Void>[] next = new Promise[] {Promise.promise()};
        onContext(() -> vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> {
            JsonObject e = msg.body();
            if (!e.getString("id").equals("victim")) {
                return;
            }
            long now = System.nanoTime();
            if (e.getString("state").equals("CRASHED")) {
                exitSeenMs.add((now - killedAt[0]) / 1e6);
            } else if (e.getString("state").equals("STARTING") && killedAt[0] != 0) {
                startingMs.add((now - killedAt[0]) / 1e6);
            } else if (e.getString("state").equals("RUNNING")) {
                if (killedAt[0] != 0) {
                    runningMs.add((now - killedAt[0]) / 1e6);
                }
                pid[0] = e.getLong("pid");
                next[0].tryComplete();
            }
        }));
        await(s -> {
            s.add(sleeper("victim"));
            return s.start("victim");
        });
        next[0].future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < kills; i++) {
            Thread.sleep(200); // let the new child settle, like a crash that comes out of the blue
            next[0] = Promise.promise();
            ProcessHandle victim = ProcessHandle.of(pid[0]).orElseThrow();
            killedAt[0] = System.nanoTime();
            victim.destroyForcibly();
            next[0].future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        await(s -> s.remove("victim"));
        System.out.printf(
                Locale.ROOT,
                "restart  n=%d  SIGKILL->exit seen  median %.2f ms  p95 %.2f ms%n",
                kills,
                percentile(exitSeenMs, 50),
                percentile(exitSeenMs, 95));
        System.out.printf(
                Locale.ROOT,
                "restart  n=%d  SIGKILL->STARTING   median %.2f ms  p95 %.2f ms%n",
                kills,
                percentile(startingMs, 50),
                percentile(startingMs, 95));
        System.out.printf(
                Locale.ROOT,
                "restart  n=%d  SIGKILL->RUNNING    median %.2f ms  p95 %.2f ms%n",
                kills,
                percentile(runningMs, 50),
                percentile(runningMs, 95));
    }

    private void startStop(int n) throws Exception {
        List<String> ids = addSleepers("batch", n);
        Promise<Void> allRunning = runningCount(ids, n);
        long t0 = System.nanoTime();
        await(Supervisor::startAll);
        long spawned = System.nanoTime();
        allRunning.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long running = System.nanoTime();
        await(Supervisor::stopAll);
        long stopped = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "start %d  all spawned %.3f s  all RUNNING %.3f s%n",
                n,
                (spawned - t0) / 1e9,
                (running - t0) / 1e9);
        System.out.printf(
                Locale.ROOT, "stop %d  graceful (SIGTERM), all exited %.3f s%n", n, (stopped - running) / 1e9);
        for (String id : ids) {
            await(s -> s.remove(id));
        }
    }

    private void idle(int n, long settleS, long windowS) throws Exception {
        List<String> ids = addSleepers("idle" + n, n);
        Promise<Void> allRunning = runningCount(ids, n);
        await(s -> {
            ids.forEach(id -> s.start(id));
            return Future.succeededFuture();
        });
        allRunning.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Thread.sleep(settleS * 1000);
        long ticks0 = cpuTicks();
        long t0 = System.nanoTime();
        Thread.sleep(windowS * 1000);
        long ticks1 = cpuTicks();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuPercent = (ticks1 - ticks0) / 100.0 / seconds * 100;
        System.out.printf(
                Locale.ROOT,
                "idle %d children  host VmRSS %.1f MiB  CPU %.3f %% of one core (%d ticks in %.0f s, %d threads)%n",
                n,
                vmRssKib() / 1024.0,
                cpuPercent,
                ticks1 - ticks0,
                seconds,
                Thread.activeCount());
        await(Supervisor::stopAll);
        for (String id : ids) {
            await(s -> s.remove(id));
        }
    }

    private List<String> addSleepers(String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + "-" + i);
        }
        await(s -> {
            ids.forEach(id -> s.add(sleeper(id)));
            return Future.succeededFuture();
        });
        return ids;
    }

    private Promise<Void> runningCount(List<String> ids, int n) {
        Promise<Void> done = Promise.promise();
        if (n == 0) {
            done.complete();
        }
        int[] count = {0};
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> {
            if (msg.body().getString("state").equals("RUNNING")
                    && ids.contains(msg.body().getString("id"))) {
                if (++count[0] == n) {
                    done.tryComplete();
                }
            }
        });
        return done;
    }

    /** Event consumers on the host context, as the host's own readers would be: no extra thread hop in a timing. */
    private void onContext(Runnable registration) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            registration.run();
            done.complete(null);
        });
        done.join();
    }

    private <T> T await(Function<Supervisor, Future<T>> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> call.apply(supervisor).onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result.get(60, TimeUnit.SECONDS);
    }

    /** utime + stime of this JVM, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long vmRssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, rank));
    }
}
