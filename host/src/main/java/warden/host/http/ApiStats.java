package warden.host.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The host's own HTTP performance, for the dashboard's "API performance" panel, read from the meters
 * vertx-micrometer-metrics keeps: per route the count, mean and max response time; overall requests per minute, error
 * share and open connections. Requests no route pattern matched (the login redirect, paths that do not exist) are one
 * row, {@link #OTHER}.
 *
 * <p>Requests in flight are left out: in Vert.x 5.1.6 {@code vertx.http.server.active.requests} goes up for every
 * response sent with {@code sendFile} (all static files) and never comes down again.
 *
 * <p>Counters only grow, so rates come from totals remembered every {@link #EVERY}: the rate over the last minute is
 * the difference to the total about a minute ago. A route's mean and max cover one window, the host's whole run, so
 * the max is never below the mean: a timer's own max forgets after a minute or two (a quiet route showed a max below
 * its mean), so the highest max seen at any {@link #EVERY} is kept here. Owned by the host context (its timer and the
 * API handler).
 *
 * <p>The response-time timers are followed as the registry adds and removes them rather than searched for: a search
 * walks every meter of the registry, about 2,000 with 100 children, and at each {@link #EVERY} that was a sixth of the
 * idle host's tick on the event loop (issue 16).
 */
final class ApiStats {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final String RESPONSE_TIME = "vertx.http.server.response.time";
    static final String ACTIVE_CONNECTIONS = "vertx.http.server.active.connections";
    /** Requests that no route with a path handled: redirects to the login page and paths that do not exist. */
    static final String OTHER = "(any other path)";

    record Route(String route, String method, long count, long errors, double meanMillis, double maxMillis) {}

    record Summary(
            Instant at,
            boolean enabled,
            double requestsPerMin,
            double errorPercent,
            double connections,
            List<Route> routes) {}

    private record Totals(Instant at, long requests, long errors) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final Deque<Totals> history = new ArrayDeque<>();
    /** Per "method route": the highest response time ever seen, in ms. */
    private final Map<String, Double> maxSeen = new HashMap<>();
    /** The {@link #RESPONSE_TIME} timers; the registry's listeners run on whichever thread registers a meter. */
    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();

    /** {@code registry} null: HTTP metrics are off and the summary says so. */
    ApiStats(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        if (registry != null) {
            registry.config().onMeterAdded(this::added).onMeterRemoved(timers::remove);
            registry.find(RESPONSE_TIME).timers().forEach(this::added); // those from before the listener
        }
    }

    private void added(Meter m) {
        if (m instanceof Timer t && RESPONSE_TIME.equals(m.getId().getName())) {
            timers.add(t);
        }
    }

    /** Called every {@link #EVERY}. */
    void remember() {
        if (registry == null) {
            return;
        }
        routes();
        Totals now = totals();
        history.addLast(now);
        while (history.size() > 2 && history.peekFirst().at.isBefore(now.at.minus(Duration.ofSeconds(65)))) {
            history.removeFirst();
        }
    }

    Summary summary() {
        Instant at = clock.instant();
        if (registry == null) {
            return new Summary(at, false, 0, 0, 0, List.of());
        }
        Totals now = totals();
        Totals then = history.isEmpty() ? now : history.peekFirst();
        double minutes = Math.max(Duration.between(then.at, now.at).toMillis(), 1) / 60_000.0;
        long requests = now.requests - then.requests;
        long errors = now.errors - then.errors;
        return new Summary(
                at,
                true,
                then == now ? 0 : requests / minutes,
                requests == 0 ? 0 : 100.0 * errors / requests,
                gauge(ACTIVE_CONNECTIONS),
                routes());
    }

    private List<Route> routes() {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, double[]> times = new HashMap<>();
        for (Timer t : timers) {
            String route = t.getId().getTag("route");
            String key = t.getId().getTag("method") + " " + (route == null || route.isEmpty() ? OTHER : route);
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            double[] d = times.computeIfAbsent(key, k -> new double[2]);
            c[0] += t.count();
            c[1] += isError(t) ? t.count() : 0;
            d[0] += t.totalTime(TimeUnit.MILLISECONDS);
            d[1] = Math.max(d[1], t.max(TimeUnit.MILLISECONDS));
        }
        return counts.entrySet().stream()
                .map(e -> {
                    String[] mr = e.getKey().split(" ", 2);
                    long[] c = e.getValue();
                    double[] d = times.get(e.getKey());
                    double max = maxSeen.merge(e.getKey(), d[1], Math::max);
                    return new Route(mr[1], mr[0], c[0], c[1], c[0] == 0 ? 0 : d[0] / c[0], max);
                })
                .sorted(Comparator.comparingLong(Route::count).reversed())
                .toList();
    }

    private Totals totals() {
        long requests = 0;
        long errors = 0;
        for (Timer t : timers) {
            requests += t.count();
            errors += isError(t) ? t.count() : 0;
        }
        return new Totals(clock.instant(), requests, errors);
    }

    /** Server errors only: a 401 or 404 is the API working as designed. */
    private static boolean isError(Timer t) {
        String code = t.getId().getTag("code");
        return code != null && code.startsWith("5");
    }

    private double gauge(String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
