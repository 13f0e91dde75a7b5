package warden.host.plugins;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import warden.host.config.PluginsConfig;

/**
 * Whole-process benchmark of one plugin child: time to ready and RSS, events/s through the router with a window of
 * outstanding commands, and round-trip latency at a fixed 1,000 events/s. Run by {@code bench/plugins/run.sh}.
 *
 * <p>Usage: {@code PluginBench <plugin.jar> [seconds]}; the jar must have a {@code roll} command (dice-roller).
 */
public final class PluginBench {

    private static final int WINDOW = 256;

    private PluginBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("warden-bench");
        Files.copy(jar, dir.resolve("plugin.jar"));
        PluginsConfig config = PluginsConfig.of(dir, false, "!", List.of(), Duration.ofSeconds(1), 10_000, Map.of());
        Vertx vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> run(vertx, context, dir, config, seconds).onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
            } else {
                done.complete(null);
            }
        }));
        try {
            done.get();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
            deleteTree(dir); // eleven data folders, each with a runner jar and class-data archive: some 100 MB a run
        }
        System.exit(0);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static Future<Void> run(Vertx vertx, Context context, Path dir, PluginsConfig config, int seconds) {
        List<Long> coldNanos = new ArrayList<>();
        List<Long> readyNanos = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        // Ten cold starts of the child, spawn to ready as the host sees it: first each in a new data folder, so without
        // the class-data archive (waiting for its background build to end before the next), then with it.
        for (int i = 0; i < 10; i++) {
            int n = i;
            chain = chain.compose(v -> coldStart(vertx, context, dir.resolve("fresh-" + n), config, coldNanos));
        }
        for (int i = 0; i < 10; i++) {
            chain = chain.compose(v -> coldStart(vertx, context, dir, config, readyNanos));
        }
        return chain.compose(v -> {
            PluginFixture plugins = new PluginFixture(vertx, dir, config);
            PluginHost host = plugins.host;
            return host.start().compose(x -> {
                String id = host.plugins().get(0).id();
                long pid = plugins.pid(id);
                long rssReady = rssKib(pid);
                printReady("without the class-data archive", coldNanos);
                printReady("with the class-data archive", readyNanos);
                System.out.printf("plugin child RSS after ready: %.1f MB%n", rssReady / 1024.0);
                return throughput(vertx, host, seconds)
                        .compose(n -> fixedRate(vertx, host, seconds))
                        .compose(n -> {
                            System.out.printf("plugin child RSS after the runs: %.1f MB%n", rssKib(pid) / 1024.0);
                            return reloads(host, id);
                        })
                        .compose(y -> plugins.close());
            });
        });
    }

    /** One start to ready and stop; then waits for the archive build the start began, so it never overlaps a start. */
    private static Future<Void> coldStart(
            Vertx vertx, Context context, Path dir, PluginsConfig config, List<Long> nanos) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        PluginFixture plugins = new PluginFixture(vertx, dir, config);
        PluginHost host = plugins.host;
        long t0 = System.nanoTime();
        return host.start()
                .compose(x -> {
                    nanos.add(System.nanoTime() - t0);
                    return plugins.supervisor.stop(host.plugins().get(0).id());
                })
                .compose(v -> host.archiveBuild())
                .compose(v -> plugins.close());
    }

    private static void printReady(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "time to ready (spawn -> ready frame), 10 cold starts %s: median %.1f ms, min %.1f, max %.1f%n",
                what, sorted[5] / 1e6, sorted[0] / 1e6, sorted[9] / 1e6);
    }

    /** As fast as it goes: {@value #WINDOW} commands outstanding at all times. */
    private static Future<Void> throughput(Vertx vertx, PluginHost host, int seconds) {
        Promise<Void> done = Promise.promise();
        long[] answered = {0};
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long[] start = {0};
        long end = warmupEnd + seconds * 1_000_000_000L;
        Runnable[] send = new Runnable[1];
        send[0] = () -> host.dispatch(new Command("bench", "b", "roll", List.of("2d6"), "!roll 2d6"))
                .onComplete(ar -> {
                    long now = System.nanoTime();
                    if (now >= warmupEnd) {
                        if (start[0] == 0) {
                            start[0] = now;
                        }
                        answered[0]++;
                    }
                    if (now < end) {
                        send[0].run();
                    } else if (!done.future().isComplete()) {
                        double rate = answered[0] / ((now - start[0]) / 1e9);
                        System.out.printf(
                                "throughput, %d outstanding: %.0f events/s answered (%d in %.1f s)%n",
                                WINDOW, rate, answered[0], (now - start[0]) / 1e9);
                        done.complete();
                    }
                });
        for (int i = 0; i < WINDOW; i++) {
            send[0].run();
        }
        return done.future();
    }

    /** 1,000 events/s from a 1 ms timer; latency from dispatch to the reply on the host context. */
    private static Future<Void> fixedRate(Vertx vertx, PluginHost host, int seconds) {
        Promise<Void> done = Promise.promise();
        int total = seconds * 1000;
        long[] latencies = new long[total];
        int[] sent = {0};
        int[] answered = {0};
        int[] failed = {0};
        vertx.setPeriodic(1, timer -> {
            if (sent[0] == total) {
                vertx.cancelTimer(timer);
                return;
            }
            int i = sent[0]++;
            long t0 = System.nanoTime();
            host.dispatch(new Command("bench", "b", "roll", List.of("2d6"), "!roll 2d6"))
                    .onComplete(ar -> {
                        latencies[i] = System.nanoTime() - t0;
                        if (ar.failed()) {
                            failed[0]++;
                        }
                        if (++answered[0] == total) {
                            long[] s = latencies.clone();
                            Arrays.sort(s);
                            System.out.printf(
                                    "round trip at 1000 events/s, %d events: p50 %.3f ms, p99 %.3f ms, max %.3f ms, failed %d%n",
                                    total,
                                    s[total / 2] / 1e6,
                                    s[(int) (total * 0.99)] / 1e6,
                                    s[total - 1] / 1e6,
                                    failed[0]);
                            done.complete();
                        }
                    });
        });
        return done.future();
    }

    /** Ten blue/green reloads one after the other: new child spawned to new version serving, as recorded. */
    private static Future<Void> reloads(PluginHost host, String id) {
        List<Long> millis = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < 10; i++) {
            chain = chain.compose(v -> host.reload(id).map(r -> {
                if (!r.ok()) {
                    throw new IllegalStateException("reload failed: " + r.reason());
                }
                millis.add(r.took().toMillis());
                return null;
            }));
        }
        return chain.map(v -> {
            long[] s = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "reload (new version started -> serving), 10 reloads: median %d ms, min %d, max %d%n",
                    s[5], s[0], s[9]);
            return null;
        });
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux or the process is gone
        }
        return -1;
    }
}
