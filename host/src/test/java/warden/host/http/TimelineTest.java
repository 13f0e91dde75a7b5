package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import warden.host.Addresses;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TimelineTest {

    @Test
    void marksCrashesAutomaticRestartsAndReloadsButNotPlainStarts(Vertx vertx, VertxTestContext test) {
        Timeline timeline = new Timeline();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            timeline.listen(vertx.eventBus());
            String at = Instant.parse("2026-11-23T12:00:00Z").toString();
            vertx.eventBus().publish(Addresses.CHILD_STATE, state("dice", "STARTING", "STOPPED", at));
            vertx.eventBus()
                    .publish(
                            Addresses.CHILD_CRASH,
                            new JsonObject()
                                    .put("id", "dice")
                                    .put("at", at)
                                    .put("exitCode", 137)
                                    .put("reason", "exited"));
            vertx.eventBus().publish(Addresses.CHILD_STATE, state("dice", "BACKOFF", "CRASHED", at));
            vertx.eventBus().publish(Addresses.CHILD_STATE, state("dice", "STARTING", "BACKOFF", at));
            vertx.eventBus()
                    .publish(
                            Addresses.PLUGIN_RELOAD,
                            new JsonObject()
                                    .put("id", "dice")
                                    .put("at", at)
                                    .put("fromVersion", "1.0")
                                    .put("toVersion", "1.1")
                                    .put("outcome", "ok"));
            // Queued behind the deliveries above, on the same event loop.
            context.runOnContext(after -> test.verify(() -> {
                assertEquals(
                        List.of("crash", "restart", "reload"),
                        timeline.of("dice").stream().map(Timeline.Marker::kind).toList());
                assertEquals("exit 137: exited", timeline.of("dice").get(0).detail());
                assertEquals(List.of(), timeline.of("other"));
                test.completeNow();
            }));
        });
    }

    @Test
    void keepsTheNewestMarkersOnly(Vertx vertx, VertxTestContext test) {
        Timeline timeline = new Timeline();
        for (int i = 0; i < Timeline.PER_CHILD + 10; i++) {
            timeline.requested("game", i % 2 == 0 ? "stop" : "start", Instant.ofEpochSecond(i));
        }
        List<Timeline.Marker> markers = timeline.of("game");
        assertEquals(Timeline.PER_CHILD, markers.size());
        assertEquals(Instant.ofEpochSecond(10).toString(), markers.get(0).at());
        test.completeNow();
    }

    @Test
    void namesPrometheusSeriesByUnit(Vertx vertx, VertxTestContext test) {
        assertEquals("cpu.percent", ChildGauges.meterName("cpu"));
        assertEquals("rss.bytes", ChildGauges.meterName("rssBytes"));
        assertEquals("events.count", ChildGauges.meterName("events.total"));
        assertEquals("events.per.min", ChildGauges.meterName("events.perMin"));
        test.completeNow();
    }

    private static JsonObject state(String id, String state, String previous, String at) {
        return new JsonObject()
                .put("id", id)
                .put("state", state)
                .put("previous", previous)
                .put("at", at);
    }
}
