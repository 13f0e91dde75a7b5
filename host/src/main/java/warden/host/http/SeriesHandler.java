package warden.host.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;

/**
 * {@code /api/v1/series/:source/...}: latest value, history and aggregates of a child, {@code host} or {@code
 * system}; and {@code /api/v1/system}.
 *
 * <p>History comes back as columns ({@code t} in epoch seconds, one array per series, null for a gap), the shape
 * uPlot takes without reshaping.
 */
final class SeriesHandler {

    private static final Set<String> BUILT_IN = Set.of("host", "system");
    private static final Duration DEFAULT_SPAN = Duration.ofHours(1);
    private static final Duration MAX_SPAN = Duration.ofDays(400);

    private final Backend backend;
    private final Clock clock;

    SeriesHandler(Backend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    void latest(RoutingContext ctx) {
        String source = source(ctx);
        Sample s = backend.latest(source)
                .orElseThrow(() -> new NoSuchElementException("no sample of '" + source + "' yet"));
        reply(ctx, latest(s));
    }

    void history(RoutingContext ctx) {
        String source = source(ctx);
        Instant[] range = range(ctx);
        Duration step = Params.duration(ctx, "step", null);
        backend.history(source, range[0], range[1], step)
                .onSuccess(samples -> reply(ctx, columns(source, range, step, samples)))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    /** {@code ?series=cpu,rssBytes&window=1h} or {@code &from=&to=}. */
    void aggregates(RoutingContext ctx) {
        String source = source(ctx);
        Instant[] range = range(ctx);
        Set<String> series = new LinkedHashSet<>(
                List.of(ctx.request().getParam("series", "cpu").split(",")));
        List<Future<Aggregates>> futures = new ArrayList<>();
        for (String s : series) {
            futures.add(backend.aggregates(source, s.strip(), range[0], range[1]));
        }
        Future.all(futures)
                .onSuccess(all -> {
                    JsonObject bySeries = new JsonObject();
                    for (Future<Aggregates> f : futures) {
                        bySeries.put(f.result().series(), new JsonObject(Json.encode(f.result())));
                    }
                    reply(
                            ctx,
                            new JsonObject()
                                    .put("source", source)
                                    .put("from", range[0].toString())
                                    .put("to", range[1].toString())
                                    .put("aggregates", bySeries));
                })
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    void system(RoutingContext ctx) {
        JsonObject out = new JsonObject().put("summary", new JsonObject(Json.encode(backend.system())));
        backend.latest("system").ifPresent(s -> out.put("system", latest(s)));
        backend.latest("host").ifPresent(s -> out.put("host", latest(s)));
        reply(ctx, out);
    }

    static JsonObject latest(Sample s) {
        return new JsonObject()
                .put("source", s.source())
                .put("at", s.at().toString())
                .put("values", new JsonObject(Json.encode(s.values())));
    }

    private String source(RoutingContext ctx) {
        String source = ctx.pathParam("source");
        if (!BUILT_IN.contains(source) && backend.child(source).isEmpty()) {
            throw new NoSuchElementException("no source '" + source + "': a child id, 'host' or 'system'");
        }
        return source;
    }

    private Instant[] range(RoutingContext ctx) {
        Instant to = Params.instant(ctx, "to", clock.instant());
        Instant from = Params.instant(ctx, "from", to.minus(Params.duration(ctx, "window", DEFAULT_SPAN)));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("the range may span at most " + MAX_SPAN.toDays() + " days");
        }
        return new Instant[] {from, to};
    }

    static JsonObject columns(String source, Instant[] range, Duration step, List<Sample> samples) {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.addAll(s.values().keySet()));
        JsonArray t = new JsonArray();
        JsonObject series = new JsonObject();
        names.forEach(n -> series.put(n, new JsonArray()));
        for (Sample s : samples) {
            t.add(s.at().toEpochMilli() / 1000.0);
            for (String n : names) {
                series.getJsonArray(n).add(s.values().get(n));
            }
        }
        return new JsonObject()
                .put("source", source)
                .put("from", range[0].toString())
                .put("to", range[1].toString())
                .put("stepSeconds", step == null ? null : step.toMillis() / 1000.0)
                .put("t", t)
                .put("series", series);
    }

    private static void reply(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json.encode());
    }
}
