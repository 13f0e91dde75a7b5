package warden.host.metrics;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.Addresses;
import warden.host.config.MetricsConfig;
import warden.host.storage.Database;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * Recent and long-term resource usage of every child, the host and the system: what http/, chat/ and alerts/ read.
 *
 * <p>Confined to the host context (the one it was created on). Sources are child ids plus {@code "host"} and {@code
 * "system"}. Child and host series: {@code cpu} (% of ONE core over the last interval: 100 is one core fully busy, 250
 * is two and a half), {@code rssBytes}, {@code vmsBytes}, {@code threads}, {@code openFiles}, {@code readBytesPerSec},
 * {@code writeBytesPerSec} (storage I/O where /proc/PID/io is readable, over at least 5 s:
 * at shorter intervals the last rate repeats between reads), {@code pid}, {@code uptimeSeconds}, {@code
 * restarts}, {@code crashes}, plus those added by {@link SeriesSource}s ({@code events.total}, {@code players}, ...). A
 * child's values include its descendants (wrapper scripts), refreshed every 30 s. The {@code "system"} series are
 * listed on {@link SystemProbe}; there {@code cpu} is the share of ALL cores (0–100).
 *
 * <p>A child that is not running gets a sample with no values each tick: a gap (R4). Queries pick the tier that holds
 * {@code from}: see {@link Tier}.
 */
public final class MetricsService {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);
    public static final String HOST = "host";
    public static final String SYSTEM = "system";

    /** Where a query's data comes from, chosen by how far back {@code from} is. */
    public enum Tier {
        /** The rolling window ({@code metrics.history}): raw and exact, percentiles included. */
        MEMORY,
        /** Raw samples in SQLite ({@code metrics.rawRetention}): exact, percentiles included. */
        RAW,
        /** One-minute buckets: count, min, max, avg exact; p50/p95/p99 are NaN. */
        MINUTE,
        /** One-hour buckets: as MINUTE. */
        HOUR
    }

    private final Vertx vertx;
    private final Context context;
    private final MetricsConfig config;
    private final Database db;
    private final Clock clock;
    private final Supplier<List<ChildStatus>> children;
    private final Sampler sampler;
    private final ExecutorService samplerThread;
    private final TierStore store = new TierStore();
    private final Rollup rollup = new Rollup();
    private final Map<String, SourceWindow> windows = new LinkedHashMap<>();
    private final Map<String, Sample> latest = new LinkedHashMap<>();
    private final Map<String, Double> eventsTotal = new HashMap<>();
    private final List<SeriesSource> seriesSources = new ArrayList<>();
    private final int capacity;
    private final Queries queries;
    private long timer = -1;
    private boolean ticking;
    private long skipped;
    private long lastPruneMillis;
    private UnaryOperator<String> sourceOf = UnaryOperator.identity();

    /**
     * @param children what to sample, read on the host context at every tick (the lead passes {@code
     *     supervisor::children})
     */
    public MetricsService(
            Vertx vertx, MetricsConfig config, Database db, Clock clock, Supplier<List<ChildStatus>> children) {
        this(vertx, config, db, clock, children, Sampler.forThisSystem(config.interval()));
    }

    MetricsService(
            Vertx vertx,
            MetricsConfig config,
            Database db,
            Clock clock,
            Supplier<List<ChildStatus>> children,
            Sampler sampler) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.children = children;
        this.sampler = sampler;
        Duration interval = config.interval().isZero() ? Duration.ofSeconds(5) : config.interval();
        this.capacity = (int) Math.min(10_000_000, config.history().toMillis() / interval.toMillis() + 1);
        this.queries = new Queries(config, clock, db, store, windows, context);
        this.samplerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the tables, reloads the last {@code metrics.history} of raw samples into the windows (and the open
     * buckets from raw), prunes past retention, then starts the sampler unless {@code metrics.interval} is 0.
     */
    public Future<Void> start() {
        long now = clock.millis();
        long fromMillis = Math.min(now - config.history().toMillis(), Math.floorDiv(now, 3_600_000L) * 3_600_000L);
        return onContext(db.schema(TierStore.SCHEMA)
                        .compose(v -> db.call(c -> {
                            store.prune(
                                    c,
                                    cutoff(now, config.rawRetention()),
                                    cutoff(now, config.minuteRetention()),
                                    cutoff(now, config.hourRetention()));
                            return store.load(c);
                        })))
                .compose(loaded -> {
                    lastPruneMillis = now;
                    loaded.bucketEnds()
                            .forEach((tier, ends) -> ends.forEach((source, end) -> rollup.resume(tier, source, end)));
                    // One source at a time: 1 h of 1 s samples of 100 sources would be ~360k objects at once.
                    Future<Void> chain = Future.succeededFuture();
                    for (String source : loaded.sources()) {
                        chain = chain.compose(
                                v -> onContext(db.call(c -> store.raw(c, source, fromMillis, Long.MAX_VALUE)))
                                        .map(samples -> {
                                            reload(
                                                    source,
                                                    samples,
                                                    now - config.history().toMillis());
                                            return null;
                                        }));
                    }
                    return chain;
                })
                .map(v -> {
                    if (!config.interval().isZero()) {
                        timer = vertx.setPeriodic(config.interval().toMillis(), id -> tick().onFailure(
                                        e -> LOG.warn("metrics tick failed", e)));
                    }
                    return null;
                });
    }

    private void reload(String source, List<Sample> samples, long windowFrom) {
        for (Sample s : samples) {
            long at = s.at().toEpochMilli();
            rollup.add(source, at, s.values());
            if (at >= windowFrom) {
                window(source).add(at, s.values());
            }
        }
    }

    /** Stops sampling and releases the held /proc files. Every tick was already flushed. */
    public Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        Promise<Void> done = Promise.promise();
        samplerThread.execute(() -> {
            sampler.close();
            context.runOnContext(v -> done.complete());
        });
        samplerThread.shutdown();
        return done.future();
    }

    /**
     * Maps a supervisor child id to the source its samples are kept under, so that history continues across plugin
     * reloads, which start the new version as child {@code <id>.r<n>}: the lead passes {@code id -> { String p =
     * plugins.pluginOf(id); return p == null ? id : p; }}. Identity until set.
     */
    public void sourceOf(UnaryOperator<String> mapping) {
        this.sourceOf = mapping;
    }

    /** Adds series to every running child's sample (plugins' event counters, players). */
    public void addSource(SeriesSource source) {
        seriesSources.add(source);
    }

    /** The newest sample of {@code source} taken since this host started; empty when none was. */
    public Optional<Sample> latest(String source) {
        return Optional.ofNullable(latest.get(source));
    }

    /** Every source with samples in memory, including those reloaded from before a restart. */
    public List<String> sources() {
        return List.copyOf(windows.keySet());
    }

    /** The {@code n} children with the highest latest value of {@code series}, highest first (R26 "top"). */
    public List<Sample> top(String series, int n) {
        return latest.values().stream()
                .filter(s -> !s.source().equals(HOST) && !s.source().equals(SYSTEM))
                .filter(s -> s.values().containsKey(series))
                .sorted(Comparator.comparingDouble((Sample s) -> s.values().get(series))
                        .reversed())
                .limit(n)
                .toList();
    }

    /** The tier a query starting at {@code from} reads. */
    public Tier tierFor(Instant from) {
        return queries.tierFor(from);
    }

    /**
     * Samples in [from, to), oldest first; {@code step} null for the tier's own resolution, else one averaged sample
     * per step. From the bucket tiers each sample holds the buckets' averages.
     */
    public Future<List<Sample>> history(String source, Instant from, Instant to, Duration step) {
        return queries.history(source, from, to, step);
    }

    /**
     * Aggregates of one series over [from, to). Exact from the memory and raw tiers; from the bucket tiers count, min,
     * max and avg are exact over the buckets and the percentiles are NaN (see {@link Tier}).
     */
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        return queries.aggregates(source, series, from, to);
    }

    /**
     * R17. {@code crashed} counts children crashed or waiting to restart, {@code failed} those given up on as a crash
     * loop; {@code eventsTotal} sums each child's last known {@code events.total}; {@code totalRssBytes} sums the
     * latest resident memory of the running children and the host.
     */
    public SystemSummary system() {
        int running = 0;
        int crashed = 0;
        int failed = 0;
        long rss = 0;
        List<ChildStatus> all = children.get();
        for (ChildStatus c : all) {
            running += c.state() == ChildState.RUNNING ? 1 : 0;
            crashed += c.state() == ChildState.CRASHED || c.state() == ChildState.BACKOFF ? 1 : 0;
            failed += c.state() == ChildState.FAILED ? 1 : 0;
        }
        for (String source : new java.util.LinkedHashSet<>(
                all.stream().map(c -> sourceOf.apply(c.id())).toList())) {
            rss += rssOf(source);
        }
        long events = (long)
                eventsTotal.values().stream().mapToDouble(Double::doubleValue).sum();
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        return new SystemSummary(uptime, all.size(), running, crashed, failed, events, rss + rssOf(HOST));
    }

    /** One sampler tick: reads run on the sampler thread, results are recorded here and flushed in one transaction. */
    Future<Void> tick() {
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
        targets.add(new Sampler.Target(HOST, ProcessHandle.current().pid(), false));
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
        Future<Void> done = read.future().compose(r -> apply(at, snapshot, r));
        done.onComplete(ar -> ticking = false);
        return done;
    }

    private Future<Void> apply(Instant at, List<ChildStatus> snapshot, Sampler.Result result) {
        List<Sample> batch = new ArrayList<>();
        JsonObject tick = new JsonObject().put("at", at.toString());
        JsonObject childJson = new JsonObject();
        Map<String, Map<String, Double>> bySource =
                ChildValues.bySource(at, snapshot, result.processes(), sourceOf, seriesSources);
        bySource.forEach((source, values) -> {
            if (values.containsKey("events.total")) {
                eventsTotal.put(source, values.get("events.total"));
            }
            record(new Sample(source, at, Collections.unmodifiableMap(values)), batch);
            childJson.put(source, new JsonObject(new LinkedHashMap<>(values)));
        });
        Map<String, Double> host = new LinkedHashMap<>(result.processes().getOrDefault(HOST, Map.of()));
        host.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        Runtime rt = Runtime.getRuntime();
        host.put("heapUsedBytes", (double) (rt.totalMemory() - rt.freeMemory()));
        record(new Sample(HOST, at, Collections.unmodifiableMap(host)), batch);
        record(new Sample(SYSTEM, at, Collections.unmodifiableMap(result.system())), batch);
        vertx.eventBus()
                .publish(
                        Addresses.METRICS_TICK,
                        tick.put("children", childJson)
                                .put(HOST, new JsonObject(new LinkedHashMap<>(host)))
                                .put(SYSTEM, new JsonObject(new LinkedHashMap<>(result.system()))));
        long now = at.toEpochMilli();
        List<Rollup.Closed> finished = rollup.takeFinished(now);
        boolean prune = now - lastPruneMillis >= 3_600_000L;
        if (prune) {
            lastPruneMillis = now;
        }
        return onContext(db.call(c -> {
            store.write(c, batch, finished);
            if (prune) {
                store.prune(
                        c,
                        cutoff(now, config.rawRetention()),
                        cutoff(now, config.minuteRetention()),
                        cutoff(now, config.hourRetention()));
            }
            return null;
        }));
    }

    private void record(Sample sample, List<Sample> batch) {
        long at = sample.at().toEpochMilli();
        window(sample.source()).add(at, sample.values());
        latest.put(sample.source(), sample);
        rollup.add(sample.source(), at, sample.values());
        batch.add(sample);
    }

    private SourceWindow window(String source) {
        return windows.computeIfAbsent(source, s -> new SourceWindow(capacity));
    }

    private long rssOf(String source) {
        Sample s = latest.get(source);
        Double v = s == null ? null : s.values().get("rssBytes");
        return v == null ? 0 : v.longValue();
    }

    private static long cutoff(long now, Duration retention) {
        return now - retention.toMillis();
    }

    /** The host context this service is confined to (tests drive it through this). */
    Context context() {
        return context;
    }

    private <T> Future<T> onContext(Future<T> f) {
        return Queries.onContext(context, f);
    }
}
