package warden.host;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.bus.Bus;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.StateChange;

/**
 * The wired host says, for every address in {@link Addresses}, which record it carries, and a record published there
 * reaches a consumer as the very instance that was published.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventBusAddressesTest {

    @TempDir
    Path dir;

    @Test
    void everyAddressCarriesARegisteredRecordAndDeliversItUncopied(Vertx vertx, VertxTestContext ctx) throws Exception {
        Files.writeString(dir.resolve("warden.yaml"), "http: {port: 0}\nchat: {console: false}\n");
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        List<String> addresses = addresses();
        StateChange published = new StateChange(
                "nobody", ChildKind.SERVICE, ChildState.STOPPED, ChildState.STOPPED, "test", Instant.EPOCH, 0, null);

        Warden.start(vertx, config).onComplete(ctx.succeeding(warden -> {
            ctx.verify(() -> {
                assertTrue(addresses.contains(Addresses.AUDIT), addresses.toString());
                for (String address : addresses) {
                    Class<?> type = Bus.typeOf(vertx.eventBus(), address);
                    assertNotNull(type, address + " has no registered record type");
                    assertTrue(type.isRecord(), address + " carries " + type + ", not a record");
                }
            });
            vertx.eventBus()
                    .<StateChange>consumer(Addresses.CHILD_STATE, m -> {
                        if (m.body().id().equals("nobody")) {
                            ctx.verify(() -> assertSame(published, m.body()));
                            warden.stop().onComplete(ctx.succeeding(v -> ctx.completeNow()));
                        }
                    })
                    .completion()
                    .onSuccess(v -> vertx.eventBus().publish(Addresses.CHILD_STATE, published));
        }));
    }

    /** Every address constant, found by reflection so that a new one cannot be left out of the check. */
    private static List<String> addresses() throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : Addresses.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }
}
