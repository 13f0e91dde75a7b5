package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MetricsServiceTest {

    @TempDir
    Path dir;

    Harness h;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        h = new Harness(vertx, dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    /**
     * A host a minute old has no closed hour bucket and perhaps no minute bucket: 7- and 30-day queries still answer
     * with the samples that exist, and past the first minute the closed bucket and the raw samples after it line up
     * without overlap.
     */
    @Test
    void longRangesOnAYoungHostAnswerWithWhatExists(VertxTestContext ctx) throws IOException {
        h.running("game", h.spawn("sleep", "60"), 0);
        MetricsService m = h.create(Harness.CONFIG);
        Instant start = h.clock.instant();
        h.on(m::start)
                .compose(v -> h.ticks(3))
                .compose(v ->
                        h.on(() -> m.history("game", start.minus(Duration.ofDays(30)), start.plusSeconds(4), null)))
                .compose(month -> {
                    ctx.verify(() -> assertEquals(3, month.size(), "30 d on a 3 s old host: " + month));
                    return h.ticks(70);
                })
                .compose(v ->
                        h.on(() -> m.history("game", start.minus(Duration.ofDays(7)), start.plusSeconds(80), null)))
                .onComplete(ctx.succeeding(week -> ctx.verify(() -> {
                    List<Instant> at = week.stream().map(Sample::at).toList();
                    assertEquals(List.copyOf(new java.util.TreeSet<>(at)), at, "ordered, no duplicates");
                    assertEquals(Instant.parse("2026-11-23T10:00:00Z"), at.get(0), "the closed minute bucket first");
                    assertEquals(start.plusSeconds(73), at.get(at.size() - 1), "up to the newest sample");
                    assertTrue(at.get(1).isAfter(at.get(0).plusSeconds(59)), "raw samples after the bucket: " + at);
                    ctx.completeNow();
                })));
    }

    /** A series source that hands out 10, 20, 30, 40, 50 to {@code id}: known values through the whole pipeline. */
    private static SeriesSource players(String id) {
        Iterator<Double> values = Stream.of(10.0, 20.0, 30.0, 40.0, 50.0).iterator();
        return child -> child.equals(id) && values.hasNext() ? Map.of("players", values.next()) : Map.of();
    }

    @Test
    void exactAggregatesOfKnownValues(VertxTestContext ctx) throws IOException {
        h.running("game", h.spawn("sleep", "60"), 0);
        MetricsService m = h.create(Harness.CONFIG);
        m.addSource(players("game"));
        Instant from = h.clock.instant();
        h.on(m::start)
                .compose(v -> h.ticks(5))
                .compose(v -> h.on(() ->
                        m.aggregates("game", "players", from, h.clock.instant().plusMillis(1))))
                .onComplete(ctx.succeeding(a -> ctx.verify(() -> {
                    assertEquals(5, a.count());
                    assertEquals(Duration.ofSeconds(4), a.span());
                    assertEquals(30.0, a.avg());
                    assertEquals(10.0, a.min());
                    assertEquals(50.0, a.max());
                    assertEquals(30.0, a.p50());
                    assertEquals(50.0, a.p95());
                    assertEquals(50.0, a.p99());
                    Map<String, Double> latest = m.latest("game").orElseThrow().values();
                    assertEquals((double) h.processes.get(0).pid(), latest.get("pid"));
                    assertTrue(latest.get("rssBytes") > 100_000, "rss of sleep: " + latest);
                    assertTrue(latest.get("cpu") >= 0 && latest.get("cpu") < 5, "sleep is idle: " + latest);
                    assertEquals(1.0, latest.get("threads"));
                    assertTrue(
                            m.latest(MetricsService.HOST).orElseThrow().values().get("rssBytes") > 10e6);
                    assertTrue(m.latest(MetricsService.SYSTEM)
                                    .orElseThrow()
                                    .values()
                                    .get("memTotalBytes")
                            > 0);
                    assertEquals(
                            List.of("game"),
                            m.top("rssBytes", 3).stream().map(Sample::source).toList());
                    ctx.completeNow();
                })));
    }

    @Test
    void aStoppedChildIsAGapWhileCollectionGoesOn(VertxTestContext ctx) throws IOException {
        h.stopped("game");
        h.running("bot", h.spawn("sleep", "60"), 0);
        MetricsService m = h.create(Harness.CONFIG);
        Instant from = h.clock.instant();
        h.on(m::start)
                .compose(v -> h.ticks(3))
                .compose(v ->
                        h.on(() -> m.history("game", from, h.clock.instant().plusMillis(1), null)))
                .onComplete(ctx.succeeding(game -> ctx.verify(() -> {
                    assertEquals(3, game.size());
                    assertTrue(game.stream().allMatch(s -> s.values().isEmpty()), game.toString());
                    assertTrue(m.latest("bot").orElseThrow().values().containsKey("rssBytes"));
                    SystemSummary sys = m.system();
                    assertEquals(2, sys.childrenTotal());
                    assertEquals(1, sys.running());
                    assertTrue(sys.totalRssBytes()
                            > m.latest("bot").orElseThrow().values().get("rssBytes"));
                    ctx.completeNow();
                })));
    }

    @Test
    void historyContinuesAcrossAChildRestart(VertxTestContext ctx) throws IOException {
        Process first = h.spawn("sleep", "60");
        h.running("game", first, 0);
        MetricsService m = h.create(Harness.CONFIG);
        Instant from = h.clock.instant();
        h.on(m::start)
                .compose(v -> h.ticks(2))
                .compose(v -> {
                    first.destroyForcibly();
                    return h.vertx.executeBlocking(() -> first.waitFor());
                })
                .compose(v -> {
                    try {
                        h.running("game", h.spawn("sleep", "60"), 1);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return h.ticks(2);
                })
                .compose(v ->
                        h.on(() -> m.history("game", from, h.clock.instant().plusMillis(1), null)))
                .onComplete(ctx.succeeding(history -> ctx.verify(() -> {
                    List<Double> pids =
                            history.stream().map(s -> s.values().get("pid")).toList();
                    double a = first.pid();
                    double b = h.processes.get(1).pid();
                    assertEquals(List.of(a, a, b, b), pids);
                    assertEquals(1.0, history.get(3).values().get("restarts"));
                    ctx.completeNow();
                })));
    }

    @Test
    void historySurvivesAHostRestartAndRollsUpIntoBuckets(VertxTestContext ctx) throws Exception {
        h.running("game", h.spawn("sleep", "60"), 0);
        MetricsService first = h.create(Harness.CONFIG);
        first.addSource(players("game"));
        Instant from = h.clock.instant();
        Instant[] to = new Instant[1];
        h.on(first::start)
                .compose(v -> h.ticks(5))
                .compose(v -> h.on(first::stop))
                .compose(v -> {
                    // The host goes away: a new database connection and a new service read what was flushed.
                    h.db.close();
                    try {
                        h.db = warden.host.storage.Database.open(h.dir);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    to[0] = h.clock.instant().plusMillis(1);
                    MetricsService second = h.create(Harness.CONFIG);
                    return h.on(second::start);
                })
                .compose(v -> h.on(() -> h.metrics.history("game", from, to[0], null)))
                .compose(history -> {
                    ctx.verify(() -> {
                        assertEquals(
                                List.of(10.0, 20.0, 30.0, 40.0, 50.0),
                                history.stream()
                                        .map(s -> s.values().get("players"))
                                        .toList());
                        assertTrue(h.metrics.sources().containsAll(Set.of("game", "host", "system")));
                    });
                    // Two hours on: the buckets of 10:00 are finished and persisted at the next tick.
                    h.clock.advance(Duration.ofHours(2));
                    return h.ticks(1);
                })
                .compose(v -> {
                    ctx.verify(() -> assertEquals(MetricsService.Tier.RAW, h.metrics.tierFor(from)));
                    // The journal of 10:00 was folded into per-source chunks by that tick's write.
                    return h.on(() -> h.metrics.aggregates("game", "players", from, to[0]));
                })
                .compose(raw -> {
                    ctx.verify(() -> {
                        assertEquals(5, raw.count());
                        assertEquals(50.0, raw.p95(), "the raw tier keeps percentiles");
                    });
                    h.clock.advance(Duration.ofDays(2));
                    ctx.verify(() -> assertEquals(MetricsService.Tier.MINUTE, h.metrics.tierFor(from)));
                    return h.on(() -> h.metrics.aggregates("game", "players", from, to[0]));
                })
                .compose(minute -> {
                    ctx.verify(() -> {
                        assertEquals(5, minute.count());
                        assertEquals(30.0, minute.avg(), 1e-9);
                        assertEquals(10.0, minute.min());
                        assertEquals(50.0, minute.max());
                        assertEquals(50.0, minute.p95(), 50.0 * Sketches.RELATIVE_ACCURACY, "p95 from the sketches");
                    });
                    h.clock.advance(Duration.ofDays(10));
                    return h.on(() -> h.metrics.history("game", from, to[0], null));
                })
                .onComplete(ctx.succeeding(hourly -> ctx.verify(() -> {
                    assertEquals(MetricsService.Tier.HOUR, h.metrics.tierFor(from));
                    assertEquals(1, hourly.size());
                    assertEquals(30.0, hourly.get(0).values().get("players"), 1e-9);
                    assertEquals(
                            Instant.parse("2026-11-23T10:00:00Z"), hourly.get(0).at());
                    ctx.completeNow();
                })));
    }

    @Test
    void oneFailingProbeDoesNotStopTheOthers(VertxTestContext ctx) throws IOException {
        Process broken = h.spawn("sleep", "60");
        h.running("broken", broken, 0);
        h.running("fine", h.spawn("sleep", "60"), 0);
        Probe failing = new FailingProbe(new ProcProbe(), broken.pid());
        MetricsService m = h.create(Harness.CONFIG, new Sampler(failing, new LinuxSystemProbe(), 1));
        h.on(m::start)
                .compose(v -> h.ticks(2))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertEquals(Map.of(), m.latest("broken").orElseThrow().values());
                    Map<String, Double> fine = m.latest("fine").orElseThrow().values();
                    assertTrue(fine.containsKey("rssBytes") && fine.containsKey("cpu"), fine.toString());
                    assertTrue(
                            m.latest(MetricsService.HOST).orElseThrow().values().containsKey("cpu"));
                    ctx.completeNow();
                })));
    }

    /** Throws for one pid, as a probe would on a kernel quirk or a parse error; reads the others for real. */
    private record FailingProbe(Probe real, long brokenPid) implements Probe {
        @Override
        public boolean read(long pid, ProcessReading out) throws IOException {
            if (pid == brokenPid) {
                throw new IOException("simulated probe failure");
            }
            return real.read(pid, out);
        }

        @Override
        public int openFiles(long pid) {
            return real.openFiles(pid);
        }

        @Override
        public Map<Long, Long> parents() throws IOException {
            return real.parents();
        }

        @Override
        public void retain(Set<Long> pids) {
            real.retain(pids);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
