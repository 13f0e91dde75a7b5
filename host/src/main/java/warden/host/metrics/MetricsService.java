package warden.host.metrics;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.MetricsConfig;
import warden.host.storage.Database;
import warden.host.supervisor.ChildStatus;

/**
 * Recent and long-term resource usage of every child, the host and the system: what http/, chat/ and alerts/ read.
 *
 * <p>Confined to the host context (the one it was created on). Sources are child ids plus {@code "host"} and {@code
 * "system"}. Child and host series: {@code cpu} (% of ONE core over the last interval: 100 is one core fully busy, 250
 * is two and a half), {@code rssBytes}, {@code vmsBytes}, {@code threads}, {@code openFiles}, {@code readBytesPerSec},
 * {@code writeBytesPerSec} (storage I/O where /proc/PID/io is readable, over at least 5 s:
 * at shorter intervals the last rate repeats between reads), {@code pid}, {@code uptimeSeconds}, {@code
 * restarts}, {@code crashes}, plus those added by {@link SeriesSource}s ({@code events.delivered}, {@code players}, ...). A
 * child's values include its descendants (wrapper scripts), refreshed every 30 s. The {@code "system"} series are
 * listed on {@link SystemProbe}; there {@code cpu} is the share of ALL cores (0–100).
 *
 * <p>A child that is not running gets a sample with no values each tick: a gap (R4). Queries pick the tier that holds
 * {@code from}: see {@link Tier}.
 *
 * <p>A facade: the tick runs in {@link TickPipeline}, the reload on start in {@link HistoryLoader}, the windows and open
 * buckets live in {@link MemoryTier}, the newest samples and the R17 summary in {@link LatestSamples}, and queries go
 * through {@link Queries}.
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
        /**
         * One-minute buckets: count, min, max, avg exact; p50/p95/p99 from merged DDSketches, within 1 % of the exact
         * value (NaN over buckets stored before sketches).
         */
        MINUTE,
        /** One-hour buckets: as MINUTE. */
        HOUR
    }

    private final Vertx vertx;
    private final Context context;
    private final MetricsConfig config;
    private final Clock clock;
    private final Supplier<List<ChildStatus>> children;
    private final MemoryTier memory;
    private final LatestSamples latest = new LatestSamples();
    private final Queries queries;
    private final HistoryLoader loader;
    private final TickPipeline pipeline;
    private final List<SeriesSource> seriesSources = new ArrayList<>();
    private ThresholdStore thresholds;
    private long timer = -1;

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
        this.clock = clock;
        this.children = children;
        this.memory = new MemoryTier(config);
        TierStore store = new TierStore();
        this.queries = new Queries(config, clock, db, store, memory.windows(), context);
        this.loader = new HistoryLoader(config, db, store, memory, context);
        this.pipeline = new TickPipeline(vertx, context, config, db, clock, children, sampler, store, memory, latest);
        this.thresholds = new ThresholdStore(db, null, Map.of());
    }

    /**
     * Creates the tables, reloads the last {@code metrics.history} of raw samples into the windows (and the open
     * buckets from raw), prunes past retention, then starts the sampler unless {@code metrics.interval} is 0.
     */
    public Future<Void> start() {
        long now = clock.millis();
        return thresholds.load().compose(x -> loader.load(now)).map(v -> {
            pipeline.prunedAt(now);
            if (!config.interval().isZero()) {
                timer = vertx.setPeriodic(
                        config.interval().toMillis(), id -> tick().onFailure(e -> LOG.warn("metrics tick failed", e)));
            }
            return null;
        });
    }

    /** Stops sampling and releases the held /proc files. Every tick was already flushed. */
    public Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        return pipeline.close();
    }

    /**
     * The bands the badges, the API and chat judge CPU, memory and disk by; until the host sets one built from its
     * config ({@link #thresholds(ThresholdStore)}, before {@link #start}), the config's built-in defaults.
     */
    public ThresholdStore thresholds() {
        return thresholds;
    }

    /** Replaces the threshold store (the host passes one with the config's bands); loaded by {@link #start}. */
    public void thresholds(ThresholdStore store) {
        this.thresholds = store;
    }

    /** Adds series to every running child's sample (plugins' event counters, players). */
    public void addSource(SeriesSource source) {
        seriesSources.add(source);
    }

    /** The newest sample of {@code source} taken since this host started; empty when none was. */
    public Optional<Sample> latest(String source) {
        return latest.get(source);
    }

    /** Every source with samples in memory, including those reloaded from before a restart. */
    public List<String> sources() {
        return memory.sources();
    }

    /** The {@code n} children with the highest latest value of {@code series}, highest first (R26 "top"). */
    public List<Sample> top(String series, int n) {
        return latest.top(series, n);
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
     * max and avg are exact over the buckets and the percentiles within 1 % (see {@link Tier}).
     */
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        return queries.aggregates(source, series, from, to);
    }

    /**
     * {@code crashed} counts children crashed or waiting to restart, {@code failed} those given up on as a crash
     * loop; {@code eventsTotal} sums each child's last known {@code events.delivered}; {@code totalRssBytes} sums the
     * latest resident memory of the running children and the host.
     */
    public SystemSummary system() {
        return latest.summary(children.get());
    }

    /** One sampler tick: reads run on the sampler thread, results are recorded here and flushed in one transaction. */
    Future<Void> tick() {
        return pipeline.tick(seriesSources);
    }

    /** The host context this service is confined to (tests drive it through this). */
    Context context() {
        return context;
    }
}
