package warden.host.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BusTest {

    private static final String ADDRESS = "warden.test.player";

    @Test
    void everyLocalConsumerGetsThePublishedRecordItself(Vertx vertx, VertxTestContext ctx) {
        Bus.register(vertx.eventBus(), ADDRESS, PlayerEvent.class);
        PlayerEvent published = new PlayerEvent("game", "alice", PlayerEvent.Kind.JOIN, 1, Instant.EPOCH, null);
        Checkpoint both = ctx.checkpoint(2);
        for (int i = 0; i < 2; i++) {
            vertx.eventBus().<PlayerEvent>localConsumer(ADDRESS, m -> {
                ctx.verify(() -> assertSame(published, m.body(), "copied on the way"));
                both.flag();
            });
        }
        vertx.eventBus().publish(ADDRESS, published);
    }

    /** Why: a JsonObject body arrives as a copy, one per consumer. */
    @Test
    void aJsonObjectBodyIsCopiedForItsConsumer(Vertx vertx, VertxTestContext ctx) {
        JsonObject published = new JsonObject().put("player", "alice");
        vertx.eventBus()
                .<JsonObject>localConsumer(
                        "warden.test.json",
                        m -> ctx.verify(() -> {
                            assertNotSame(published, m.body());
                            assertEquals(published, m.body());
                            ctx.completeNow();
                        }));
        vertx.eventBus().publish("warden.test.json", published);
    }

    @Test
    void registeringAgainIsANoOpAndAnotherTypeIsRefused(Vertx vertx) {
        Bus.register(vertx.eventBus(), ADDRESS, PlayerEvent.class);
        Bus.register(vertx.eventBus(), ADDRESS, PlayerEvent.class);
        // A second address for the same record shares its codec.
        Bus.register(vertx.eventBus(), ADDRESS + ".again", PlayerEvent.class);
        assertEquals(PlayerEvent.class, Bus.typeOf(vertx.eventBus(), ADDRESS));

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Bus.register(vertx.eventBus(), ADDRESS, Other.class));
        assertEquals(
                "warden.test.player carries warden.host.bus.PlayerEvent, not warden.host.bus.BusTest$Other",
                e.getMessage());
    }

    @Test
    void thereIsNoWireForm(Vertx vertx) {
        LocalCodec<Other> codec = new LocalCodec<>(Other.class);
        assertThrows(UnsupportedOperationException.class, () -> codec.encodeToWire(null, new Other()));
    }

    private record Other() {}
}
