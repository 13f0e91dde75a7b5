package warden.host.metrics;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.config.MetricsConfig;
import warden.host.storage.Database;
import warden.host.supervisor.ChildStatus;

/**
 * One sampler tick, end to end: the targets are snapshotted on the host context, the {@link Sampler} reads them on its
 * own thread (the probes block on /proc and hold its files open, so they never run on the event loop), and back on the
 * host context the values go into the memory tier and the latest samples, out on {@link Addresses#METRICS_TICK}, and
 * to the {@link TierStore} with the finished buckets in one database call, pruning past retention once an hour.
 *
 * <p>Owns the sampler and its thread: nothing else touches the probes. Confined to the host context otherwise.
 */
final class TickPipeline {

    // The facade's name, as before the split: log filters and readers of the host log keep matching.
    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);
    // Looked up once: ManagementFactory finds the bean through a stream over the platform components on every call.
    private static final RuntimeMXBean RUNTIME = ManagementFactory.getRuntimeMXBean();

    private final Vertx vertx;
    private final Context context;
    private final MetricsConfig config;
    private final Database db;
    private final Clock clock;
    private final Supplier<List<ChildStatus>> children;
    private final Sampler sampler;
    private final ExecutorService samplerThread;
    private final TierStore store;
    private final MemoryTier memory;
    private final LatestSamples latest;
    private boolean ticking;
    private long skipped;
    private long lastPruneMillis;

    TickPipeline(
            Vertx vertx,
            Context context,
            MetricsConfig config,
            Database db,
            Clock clock,
            Supplier<List<ChildStatus>> children,
            Sampler sampler,
            TierStore store,
            MemoryTier memory,
            LatestSamples latest) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.children = children;
        this.sampler = sampler;
        this.store = store;
        this.memory = memory;
        this.latest = latest;
        this.samplerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /** Deletes what is past each tier's retention at {@code now}. On the database thread. */
    static void prune(TierStore store, Connection c, long now, MetricsConfig config) throws SQLException {
        store.prune(
                c,
                now - config.rawRetention().toMillis(),
                now - config.minuteRetention().toMillis(),
                now - config.hourRetention().toMillis());
    }

    /** The tiers were pruned at {@code nowMillis} (on start): the next prune is due an hour later. */
    void prunedAt(long nowMillis) {
        lastPruneMillis = nowMillis;
    }

    /**
     * One tick: reads run on the sampler thread, results are recorded here and flushed in one transaction. A child's
     * source is its id (a reloaded plugin's generations share it); {@code seriesSources} add to every running child's values.
     */
    Future<Void> tick(List<SeriesSource> seriesSources) {
        if (ticking) {
            if (skipped++ % 60 == 0) { // once a minute at 1 s, not on every tick of a long stall
                LOG.warn(
                        "metrics tick skipped ({} so far): the previous one has not finished (slow disk or a"
                                + " starved machine)",
                        skipped);
            }
            return Future.succeededFuture();
        }
        ticking = true;
        Instant at = clock.instant();
        List<ChildStatus> snapshot = children.get();
        List<Sampler.Target> targets = new ArrayList<>();
        targets.add(
                new Sampler.Target(MetricsService.HOST, ProcessHandle.current().pid(), false));
        for (ChildStatus c : snapshot) {
            if (c.state().isAlive() && c.pid() > 0) {
                targets.add(new Sampler.Target(c.id(), c.pid(), true));
            }
        }
        Promise<Sampler.Result> read = Promise.promise();
        samplerThread.execute(() -> {
            try {
                Sampler.Result r = sampler.sample(targets);
                context.runOnContext(v -> read.complete(r));
            } catch (RuntimeException | Error e) {
                context.runOnContext(v -> read.fail(e));
            }
        });
        Future<Void> done = read.future().compose(r -> apply(at, snapshot, r, seriesSources));
        done.onComplete(ar -> ticking = false);
        return done;
    }

    private Future<Void> apply(
            Instant at, List<ChildStatus> snapshot, Sampler.Result result, List<SeriesSource> seriesSources) {
        List<Sample> batch = new ArrayList<>();
        Map<String, Map<String, Double>> bySource =
                ChildValues.bySource(at, snapshot, result.processes(), seriesSources);
        bySource.forEach(
                (source, values) -> record(new Sample(source, at, Collections.unmodifiableMap(values)), batch));
        Map<String, Double> host = new LinkedHashMap<>(result.processes().getOrDefault(MetricsService.HOST, Map.of()));
        host.put("uptimeSeconds", RUNTIME.getUptime() / 1000.0);
        Runtime rt = Runtime.getRuntime();
        host.put("heapUsedBytes", (double) (rt.totalMemory() - rt.freeMemory()));
        record(new Sample(MetricsService.HOST, at, Collections.unmodifiableMap(host)), batch);
        record(new Sample(MetricsService.SYSTEM, at, Collections.unmodifiableMap(result.system())), batch);
        // Cumulative counters go out with the tick but are not stored: the tiers keep the rates the charts show.
        Map<String, Map<String, Double>> counters = new LinkedHashMap<>(result.counters());
        counters.put(MetricsService.SYSTEM, result.systemCounters());
        vertx.eventBus().publish(Addresses.METRICS_TICK, new Tick(at, bySource, host, result.system(), counters));
        long now = at.toEpochMilli();
        List<Rollup.Closed> finished = memory.takeFinished(now);
        boolean prune = now - lastPruneMillis >= 3_600_000L;
        if (prune) {
            lastPruneMillis = now;
        }
        return Queries.onContext(context, db.call(c -> {
            store.write(c, batch, finished);
            if (prune) {
                prune(store, c, now, config);
            }
            return null;
        }));
    }

    private void record(Sample sample, List<Sample> batch) {
        memory.add(sample.source(), sample.at().toEpochMilli(), sample.values());
        latest.put(sample);
        batch.add(sample);
    }

    /** Releases the held /proc files on the sampler thread, after any read still running; completes on the context. */
    Future<Void> close() {
        Promise<Void> done = Promise.promise();
        samplerThread.execute(() -> {
            sampler.close();
            context.runOnContext(v -> done.complete());
        });
        samplerThread.shutdown();
        return done.future();
    }
}
