package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import warden.host.config.ExportConfig;

/**
 * The host's HTTP server meters, over a real server and client: per method, route pattern and status a response time
 * and a request count under the names the dashboard, the API summary and the Grafana board read, open connections,
 * and nothing recorded while recording is switched off (the HTTP benchmark's A/B).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpMetersTest {

    private final Vertx vertx = Exporter.newVertx(new VertxOptions(), true);
    private final Exporter exporter = new Exporter(vertx, ExportConfig.DEFAULT, List::of, Map.of());

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void recordsPerRoutePatternAndStatusAndStopsWhenSwitchedOff() throws Exception {
        Router router = Router.router(vertx);
        router.get("/things/:id").handler(ctx -> ctx.response().end("thing " + ctx.pathParam("id")));
        router.get("/broken").handler(ctx -> ctx.response().setStatusCode(503).end());
        HttpServer server =
                await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        WebClient client = WebClient.create(vertx);
        int port = server.actualPort();

        assertEquals(
                200, await(client.get(port, "127.0.0.1", "/things/1").send()).statusCode());
        assertEquals(
                200, await(client.get(port, "127.0.0.1", "/things/2").send()).statusCode());
        assertEquals(503, await(client.get(port, "127.0.0.1", "/broken").send()).statusCode());
        assertEquals(
                404, await(client.get(port, "127.0.0.1", "/nowhere").send()).statusCode());

        MeterRegistry registry = exporter.registry();
        assertEquals(2, time(registry, "GET", "/things/:id", "200").count());
        assertEquals(1, time(registry, "GET", "/broken", "503").count());
        assertEquals(1, time(registry, "GET", "", "404").count(), "a path no route matched has an empty route");
        assertEquals(
                2.0,
                registry.get("vertx.http.server.requests")
                        .tags("method", "GET", "route", "/things/:id", "code", "200")
                        .counter()
                        .count());
        assertTrue(time(registry, "GET", "/things/:id", "200").totalTime(TimeUnit.NANOSECONDS) > 0);
        double open =
                registry.get("vertx.http.server.active.connections").gauge().value();
        assertTrue(open >= 1, "the client's keep-alive connection is open: " + open);

        exporter.httpRecording(false);
        assertEquals(
                200, await(client.get(port, "127.0.0.1", "/things/3").send()).statusCode());
        assertEquals(2, time(registry, "GET", "/things/:id", "200").count(), "nothing recorded while off");

        exporter.httpRecording(true);
        assertEquals(
                200, await(client.get(port, "127.0.0.1", "/things/4").send()).statusCode());
        assertEquals(3, time(registry, "GET", "/things/:id", "200").count());
    }

    private static Timer time(MeterRegistry registry, String method, String route, String code) {
        Timer t = registry.find("vertx.http.server.response.time")
                .tags("method", method, "route", route, "code", code)
                .timer();
        assertNotNull(
                t,
                method + " " + route + " " + code + " in "
                        + registry.getMeters().size() + " meters");
        return t;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
