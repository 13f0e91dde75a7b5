package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static warden.host.http.ApiClient.assertError;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.chat.Actor;
import warden.host.chat.AuditEntry;

/**
 * The API's resources as JSON, and every error in one shape: children, series and aggregates, crashes, the audit
 * log, a switched-off capability, bad instants and ranges.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpResourcesTest {

    @TempDir
    Path data;

    private final ApiClient api = new ApiClient();

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void answersWithJsonAndErrorsInOneShape() throws Exception {
        api.start(ApiFixture.config(), data);
        Instant t0 = Instant.now().minusSeconds(30);
        api.fx.onContext(() -> {
            for (int i = 0; i < 6; i++) {
                api.fx.backend.tick(
                        t0.plusSeconds(5L * i), Map.of("dice-roller", Map.of("cpu", 10.0 * i, "rssBytes", 1e6)));
            }
        });
        JsonArray children = new JsonArray(api.get("/api/v1/children").body());
        assertEquals(2, children.size());
        assertEquals("dice-roller", children.getJsonObject(0).getString("id"));
        assertEquals(70.0, children.getJsonObject(0).getJsonObject("thresholds").getDouble("warnPercent"));
        assertEquals("dice-roller", children.getJsonObject(0).getString("plugin"));
        assertEquals(120, children.getJsonObject(0).getJsonObject("counters").getLong("delivered"));
        assertFalse(children.getJsonObject(1).containsKey("plugin"));

        JsonObject history = new JsonObject(api.get(
                        "/api/v1/series/dice-roller/history?from=" + t0.getEpochSecond() + "&to="
                                + t0.plusSeconds(60).getEpochSecond(),
                        ApiFixture.TOKEN)
                .body());
        assertEquals(6, history.getJsonArray("t").size());
        assertEquals(
                List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0),
                history.getJsonObject("series").getJsonArray("cpu").getList());

        JsonObject aggs = new JsonObject(api.get(
                        "/api/v1/series/dice-roller/aggregates?series=cpu&from=" + t0 + "&to=" + t0.plusSeconds(60),
                        ApiFixture.TOKEN)
                .body());
        JsonObject cpu = aggs.getJsonObject("aggregates").getJsonObject("cpu");
        assertEquals(25.0, cpu.getDouble("avg"));
        assertEquals(50.0, cpu.getDouble("max"));
        assertEquals(6, cpu.getInteger("count"));

        assertError(api.get("/api/v1/children/nobody"), 404, "not_found");
        assertError(api.get("/api/v1/series/nobody/latest"), 404, "not_found");
        assertError(api.get("/api/v1/crashes/99"), 404, "not_found");
        assertError(api.get("/api/v1/series/dice-roller/history?from=yesterday"), 400, "bad_request");
        assertError(api.get("/api/v1/series/dice-roller/history?window=-5m"), 400, "bad_request");
        assertError(api.get("/api/v1/series/dice-roller/history?from=200&to=100"), 400, "bad_request");
        assertError(api.get("/api/v1/children/game/logs?lines=0"), 400, "bad_request");
        assertError(api.get("/api/v1/no/such/route"), 404, "not_found");
        assertError(
                api.post("/api/v1/children/game/explode", "", Map.of("Authorization", "Bearer " + ApiFixture.TOKEN)),
                400,
                "bad_request");
        JsonObject openapi = new JsonObject(api.get("/api/v1/openapi.json").body());
        assertTrue(openapi.getJsonObject("paths").containsKey("/series/{source}/aggregates"));
    }

    @Test
    void crashesComeWithTheirTailOnlyInDetail() throws Exception {
        api.start(ApiFixture.config(), data);
        api.fx.onContext(
                () -> api.fx.backend.crash("game", Instant.parse("2026-11-23T11:00:00Z"), 137, List.of("a", "b")));
        JsonArray list = new JsonArray(api.get("/api/v1/crashes").body());
        assertEquals(1, list.size());
        assertFalse(list.getJsonObject(0).containsKey("tail"));
        assertEquals(2, list.getJsonObject(0).getInteger("tailLines"));
        JsonObject one = new JsonObject(api.get("/api/v1/crashes/1").body());
        assertEquals(List.of("a", "b"), one.getJsonArray("tail").getList());
        assertEquals(180_000, one.getLong("uptime"));
        assertEquals("SIGKILL", one.getString("likelySignal"));
    }

    @Test
    void aSwitchedOffCapabilityAnswers503() throws Exception {
        Vertx plain = Vertx.vertx();
        try {
            HttpApi off = new HttpApi(plain, ApiFixture.config(), data, null, null, null, null, null);
            api.base = "http://127.0.0.1:"
                    + off.start().toCompletionStage().toCompletableFuture().get();
            assertError(api.get("/api/v1/children"), 503, "unavailable");
            assertError(api.get("/api/v1/system"), 503, "unavailable");
            assertFalse(new JsonObject(api.get("/api/v1/http").body()).getBoolean("enabled"));
        } finally {
            plain.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void everyBadInstantOrRangeIsA400() throws Exception {
        api.start(ApiFixture.config(), data);
        for (String query : List.of(
                "to=-1000000000-01-01T00:00:00Z",
                "to=1000000000-12-31T23:59:59Z",
                "from=-5",
                "to=99999999999999999999",
                "window=PT99999999999999H",
                "window=100000d")) {
            assertError(api.get("/api/v1/series/dice-roller/history?" + query), 400, "bad_request");
            assertError(api.get("/api/v1/series/dice-roller/aggregates?" + query), 400, "bad_request");
        }
    }

    @Test
    void theAuditNamesTheActorInFullNewestFirstAndPagesBack() throws Exception {
        api.start(ApiFixture.config(), data);
        Instant at = Instant.parse("2026-12-02T06:00:00Z");
        api.fx.backend.audit.add(new AuditEntry(
                11,
                at.minusSeconds(60),
                Actor.named("console"),
                "console",
                "console",
                "!stop game",
                "ok",
                "stopped game"));
        api.fx.backend.audit.add(new AuditEntry(
                12,
                at,
                new Actor("alice", "~alice", "127.0.0.2", null),
                "irc",
                "#warden",
                "!restart game",
                "ok",
                "restarted game"));
        JsonObject page = new JsonObject(api.get("/api/v1/audit?limit=1").body());
        assertEquals(
                new JsonObject(
                        "{\"entries\":[{\"seq\":12,\"at\":\"2026-12-02T06:00:00Z\",\"actor\":{\"nick\":\"alice\","
                                + "\"user\":\"~alice\",\"host\":\"127.0.0.2\",\"account\":null},\"connector\":\"irc\","
                                + "\"place\":\"#warden\",\"command\":\"!restart game\",\"outcome\":\"ok\","
                                + "\"detail\":\"restarted game\"}]}"),
                page);
        JsonObject older = new JsonObject(api.get("/api/v1/audit?before=12").body());
        assertEquals(11L, older.getJsonArray("entries").getJsonObject(0).getLong("seq"));
        assertEquals(1, older.getJsonArray("entries").size());
        assertError(api.get("/api/v1/audit?before=soon"), 400, "bad_request");
        assertError(api.get("/api/v1/audit", null), 401, "unauthorized");
    }
}
