package warden.host.metrics;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recent and long-term resource usage of every child, the host and the system: what http/, chat/ and alerts/ read.
 *
 * <p>Confined to the host context. Sources are child ids plus {@code "host"} and {@code "system"}. Series names:
 * {@code cpu} (% of one core: 100 is one core fully busy), {@code rssBytes}, {@code vmsBytes}, {@code threads},
 * {@code openFiles}, {@code readBytesPerSec}, {@code writeBytesPerSec}, plus those added by {@link SeriesSource}s
 * ({@code events.total}, {@code events.perMin}, {@code players}, ...).
 */
public final class MetricsService {

    /** Adds series to every child's sample (plugins' event counters, players). */
    public void addSource(SeriesSource source) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The newest sample of {@code source}; empty when none was taken yet. */
    public Optional<Sample> latest(String source) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Samples in [from, to), oldest first; {@code step} null for raw resolution, else one averaged sample per step. */
    public Future<List<Sample>> history(String source, Instant from, Instant to, Duration step) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Aggregates of one series over [from, to). */
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        throw new UnsupportedOperationException("TODO");
    }

    public SystemSummary system() {
        throw new UnsupportedOperationException("TODO");
    }
}
