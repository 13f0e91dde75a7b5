package warden.host.metrics;

import io.vertx.core.Context;
import io.vertx.core.Future;
import warden.host.config.MetricsConfig;
import warden.host.storage.Database;

/**
 * Brings back on start what the tiers hold from before this host started, so charts and aggregates continue across a
 * host restart: prunes past retention, resumes the rollup after the last stored buckets and
 * refills the memory tier from the raw samples. Database work runs on the database thread, the memory tier is filled
 * back on the host context.
 */
final class HistoryLoader {

    private final MetricsConfig config;
    private final Database db;
    private final TierStore store;
    private final MemoryTier memory;
    private final Context context;

    HistoryLoader(MetricsConfig config, Database db, TierStore store, MemoryTier memory, Context context) {
        this.config = config;
        this.db = db;
        this.store = store;
        this.memory = memory;
        this.context = context;
    }

    /**
     * Loads as of {@code now}: the last {@code metrics.history} of raw samples into the windows, and from the start of
     * the current hour at the latest into the open buckets, which are not stored until they finish.
     */
    Future<Void> load(long now) {
        long fromMillis = Math.min(now - config.history().toMillis(), Math.floorDiv(now, 3_600_000L) * 3_600_000L);
        return onContext(db.call(c -> {
                    TickPipeline.prune(store, c, now, config);
                    return store.load(c);
                }))
                .compose(loaded -> {
                    loaded.bucketEnds()
                            .forEach((tier, ends) -> ends.forEach((source, end) -> memory.resume(tier, source, end)));
                    // One source at a time: 1 h of 1 s samples of 100 sources would be ~360k objects at once.
                    Future<Void> chain = Future.succeededFuture();
                    for (String source : loaded.sources()) {
                        chain = chain.compose(
                                v -> onContext(db.call(c -> store.raw(c, source, fromMillis, Long.MAX_VALUE)))
                                        .map(samples -> {
                                            memory.reload(
                                                    source,
                                                    samples,
                                                    now - config.history().toMillis());
                                            return null;
                                        }));
                    }
                    return chain;
                });
    }

    private <T> Future<T> onContext(Future<T> f) {
        return Queries.onContext(context, f);
    }
}
