package warden.host.metrics;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import warden.host.config.MetricsConfig;
import warden.host.metrics.MetricsService.Tier;
import warden.host.storage.Database;

/**
 * History and aggregate queries, answered from the tier that holds their start: the rolling windows, the raw chunks
 * in SQLite, or the one-minute or one-hour buckets. Owned by the host context; database reads hop back to it.
 */
final class Queries {

    private final MetricsConfig config;
    private final Clock clock;
    private final Database db;
    private final TierStore store;
    private final Map<String, SourceWindow> windows;
    private final Context context;
    private double[] scratch = new double[1024];

    Queries(
            MetricsConfig config,
            Clock clock,
            Database db,
            TierStore store,
            Map<String, SourceWindow> windows,
            Context context) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.store = store;
        this.windows = windows;
        this.context = context;
    }

    /** The tier a query starting at {@code from} reads. */
    Tier tierFor(Instant from) {
        long age = clock.millis() - from.toEpochMilli();
        if (age <= config.history().toMillis()) {
            return Tier.MEMORY;
        }
        if (age <= config.rawRetention().toMillis()) {
            return Tier.RAW;
        }
        return age <= config.minuteRetention().toMillis() ? Tier.MINUTE : Tier.HOUR;
    }

    /**
     * Samples in [from, to), oldest first; {@code step} null for the tier's own resolution, else one averaged sample
     * per step. From the bucket tiers each sample holds the buckets' averages.
     *
     * <p>The tier that holds {@code from} answers as far as it has data; the rest of the range comes from the next
     * finer tier, and so on down to the windows. So a 30-day query on a host an hour old (no closed hour bucket yet)
     * returns that hour's raw samples instead of nothing, and on an old host the last hour still shows.
     */
    Future<List<Sample>> history(String source, Instant from, Instant to, Duration step) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        Future<List<Sample>> found = stitched(source, tierFor(from), f, t);
        return step == null ? found : found.map(list -> Resample.average(source, list, f, step.toMillis()));
    }

    private Future<List<Sample>> stitched(String source, Tier tier, long from, long to) {
        return read(source, tier, from, to).compose(list -> {
            if (tier == Tier.MEMORY) {
                return Future.succeededFuture(list);
            }
            // A bucket stands for its whole span: the finer tier starts where the last bucket ends.
            long covered =
                    list.isEmpty() ? from : list.get(list.size() - 1).at().toEpochMilli() + resolutionMillis(tier);
            if (covered >= to) {
                return Future.succeededFuture(list);
            }
            Tier finer = Tier.values()[tier.ordinal() - 1];
            return stitched(source, finer, Math.max(from, covered), to).map(rest -> {
                if (list.isEmpty()) {
                    return rest;
                }
                List<Sample> all = new ArrayList<>(list.size() + rest.size());
                all.addAll(list);
                all.addAll(rest);
                return all;
            });
        });
    }

    private Future<List<Sample>> read(String source, Tier tier, long f, long t) {
        return switch (tier) {
            case MEMORY -> {
                SourceWindow w = windows.get(source);
                yield Future.succeededFuture(w == null ? List.of() : w.between(source, f, t));
            }
            case RAW -> onContext(db.call(c -> store.raw(c, source, f, t)));
            case MINUTE -> onContext(db.call(c -> store.buckets(c, Rollup.MINUTE, source, null, f, t)))
                    .map(Queries::averages);
            case HOUR -> onContext(db.call(c -> store.buckets(c, Rollup.HOUR, source, null, f, t)))
                    .map(Queries::averages);
        };
    }

    private static long resolutionMillis(Tier tier) {
        return switch (tier) {
            case MINUTE -> Rollup.bucketMillis(Rollup.MINUTE);
            case HOUR -> Rollup.bucketMillis(Rollup.HOUR);
            default -> 1;
        };
    }

    /**
     * Aggregates of one series over [from, to). Exact from the memory and raw tiers; from the bucket tiers count, min,
     * max and avg are exact over the buckets and the percentiles come from their merged sketches (see {@link Tier}).
     */
    Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        return switch (tierFor(from)) {
            case MEMORY -> Future.succeededFuture(windowAggregates(source, series, f, t));
            case RAW -> onContext(db.call(c -> store.values(c, source, series, f, t)))
                    .map(v -> Aggregator.of(
                            source, series, v.values(), v.count(), Duration.ofMillis(v.last() - v.first())));
            case MINUTE -> onContext(db.call(c -> store.buckets(c, Rollup.MINUTE, source, series, f, t)))
                    .map(list -> Buckets.aggregates(source, series, list));
            case HOUR -> onContext(db.call(c -> store.buckets(c, Rollup.HOUR, source, series, f, t)))
                    .map(list -> Buckets.aggregates(source, series, list));
        };
    }

    private Aggregates windowAggregates(String source, String series, long from, long to) {
        SourceWindow w = windows.get(source);
        long[] range = new long[3];
        if (w != null) {
            scratch = w.values(series, from, to, scratch, range);
        }
        return Aggregator.of(source, series, scratch, (int) range[0], Duration.ofMillis(range[2] - range[1]));
    }

    private static List<Sample> averages(List<Rollup.Closed> buckets) {
        return buckets.stream().map(Buckets::averages).toList();
    }

    private <T> Future<T> onContext(Future<T> f) {
        return onContext(context, f);
    }

    /** Completes on {@code context} whichever thread completes {@code f}. */
    static <T> Future<T> onContext(Context context, Future<T> f) {
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> context.runOnContext(v -> p.handle(ar)));
        return p.future();
    }
}
