package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SmokeTest {
    @Test
    void vertxRuns(Vertx vertx, VertxTestContext ctx) {
        vertx.setTimer(
                1,
                id -> ctx.verify(() -> {
                    assertEquals(1, 1);
                    ctx.completeNow();
                }));
    }
}
