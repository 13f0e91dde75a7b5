package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.export.Exporter;
import warden.host.fixtures.Console;
import warden.host.fixtures.ExitAfter;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.OnContext;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/** The API over the real supervisor and real child processes (metrics, plugins and chat switched off). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealSupervisorApiTest {

    @TempDir
    Path data;

    private final Vertx vertx = Exporter.newVertx(new VertxOptions(), true);
    private final Context context = vertx.getOrCreateContext();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CompletableFuture<JsonObject> firstCrash = new CompletableFuture<>();
    private final java.util.concurrent.BlockingQueue<String> echoOutput =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private Database db;
    private Supervisor supervisor;
    private String base;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(data);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        context.runOnContext(v -> {
            vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_CRASH, m -> firstCrash.complete(m.body()));
            vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_OUTPUT, m -> {
                if (m.body().getString("id").equals("echo")) {
                    m.body().getJsonArray("lines").forEach(l -> echoOutput.add(((JsonObject) l).getString("text")));
                }
            });
            supervisor = new Supervisor(vertx, db, data, Clock.systemUTC());
            supervisor.add(ChildSpec.service("echo", Fixtures.java(Console.class)));
            supervisor.add(ChildSpec.service("crasher", Fixtures.java(ExitAfter.class, "300", "3")));
            HttpApi api = new HttpApi(vertx, ApiFixture.config(), data, null, supervisor, null, null, null);
            supervisor
                    .startAll()
                    .compose(x -> api.start())
                    .onSuccess(port::complete)
                    .onFailure(port::completeExceptionally);
        });
        base = "http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        OnContext.closeAndWait(context, supervisor::close);
        db.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + ApiFixture.TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restartsAChildAndShowsItsCrashesAndOutput() throws Exception {
        JsonArray children = new JsonArray(call("GET", "/api/v1/children").body());
        assertEquals(
                List.of("echo", "crasher"),
                children.stream().map(c -> ((JsonObject) c).getString("id")).toList());

        HttpResponse<String> restarted = call("POST", "/api/v1/children/echo/restart");
        assertEquals(200, restarted.statusCode(), restarted.body());
        JsonObject status = new JsonObject(restarted.body()).getJsonObject("status");
        assertEquals(1, status.getInteger("restarts"), status.encode());
        JsonArray markers =
                new JsonArray(call("GET", "/api/v1/children/echo/markers").body());
        JsonObject newest = markers.getJsonObject(markers.size() - 1);
        assertEquals(
                "restart requested", newest.getString("kind") + " " + newest.getString("detail"), markers.encode());

        // The restarted run greets again; wait for that line to pass the bus, then read it back through the API.
        while (!echoOutput.take().equals("hello from stderr")) {
            // Lines of the first run may come first.
        }
        JsonArray logs = new JsonArray(
                call("GET", "/api/v1/children/echo/logs?grep=hello").body());
        assertEquals("err", logs.getJsonObject(0).getString("stream"));
        assertEquals("hello from stderr", logs.getJsonObject(0).getString("text"));

        JsonObject crash = firstCrash.get(30, TimeUnit.SECONDS);
        JsonArray crashes =
                new JsonArray(call("GET", "/api/v1/crashes?child=crasher").body());
        assertTrue(crashes.size() >= 1, crashes.encode());
        long seq = crashes.getJsonObject(crashes.size() - 1).getLong("seq");
        JsonObject detail = new JsonObject(call("GET", "/api/v1/crashes/" + seq).body());
        assertEquals(3, detail.getInteger("exitCode"), detail.encode());
        assertTrue(
                detail.getJsonArray("tail").stream().anyMatch(l -> l.toString().endsWith("out up")), detail.encode());
        assertEquals(crash.getString("id"), detail.getString("childId"));

        assertEquals(503, call("GET", "/api/v1/series/echo/history").statusCode());
        assertEquals(404, call("POST", "/api/v1/children/nobody/restart").statusCode());
    }
}
