package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.chat.Actor;
import warden.host.chat.AuditEntry;
import warden.host.config.HttpConfig;
import warden.host.fixtures.TestClock;
import warden.host.supervisor.ChildKind;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpApiTest {

    @TempDir
    Path data;

    private final ApiFixture fx = new ApiFixture();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
    private String base;

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private void start(HttpConfig config) throws Exception {
        fx.backend.child("dice-roller", ChildKind.PLUGIN).child("game", ChildKind.SERVICE);
        int port = fx.start(config, data, clock)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        base = "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String token) throws Exception {
        return post("/login", "token=" + token, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(status, body.getInteger("status"));
        assertEquals(code, body.getString("error"));
        assertFalse(body.getString("message").isBlank());
    }

    @Test
    void everyApiRouteNeedsTheToken() throws Exception {
        start(ApiFixture.config());
        assertError(get("/api/v1/children", null), 401, "unauthorized");
        assertError(get("/api/v1/children", "wrong"), 401, "unauthorized");
        assertError(get("/api/v1/nope", null), 401, "unauthorized");
        assertEquals(401, get("/metrics", null).statusCode());
        HttpResponse<String> page = get("/", null);
        assertEquals(302, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(
                302, get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null).statusCode());
        HttpResponse<String> login = get("/login", null);
        assertEquals(200, login.statusCode());
        assertTrue(login.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .contains("frame-ancestors 'none'"));
    }

    @Test
    void answersWithJsonAndErrorsInOneShape() throws Exception {
        start(ApiFixture.config());
        Instant t0 = Instant.now().minusSeconds(30);
        fx.onContext(() -> {
            for (int i = 0; i < 6; i++) {
                fx.backend.tick(
                        t0.plusSeconds(5L * i), Map.of("dice-roller", Map.of("cpu", 10.0 * i, "rssBytes", 1e6)));
            }
        });
        JsonArray children =
                new JsonArray(get("/api/v1/children", ApiFixture.TOKEN).body());
        assertEquals(2, children.size());
        assertEquals("dice-roller", children.getJsonObject(0).getString("id"));
        assertEquals(70.0, children.getJsonObject(0).getJsonObject("thresholds").getDouble("warnPercent"));
        assertEquals("dice-roller", children.getJsonObject(0).getString("plugin"));
        assertEquals(120, children.getJsonObject(0).getJsonObject("counters").getLong("delivered"));
        assertFalse(children.getJsonObject(1).containsKey("plugin"));

        JsonObject history = new JsonObject(get(
                        "/api/v1/series/dice-roller/history?from=" + t0.getEpochSecond() + "&to="
                                + t0.plusSeconds(60).getEpochSecond(),
                        ApiFixture.TOKEN)
                .body());
        assertEquals(6, history.getJsonArray("t").size());
        assertEquals(
                List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0),
                history.getJsonObject("series").getJsonArray("cpu").getList());

        JsonObject aggs = new JsonObject(get(
                        "/api/v1/series/dice-roller/aggregates?series=cpu&from=" + t0 + "&to=" + t0.plusSeconds(60),
                        ApiFixture.TOKEN)
                .body());
        JsonObject cpu = aggs.getJsonObject("aggregates").getJsonObject("cpu");
        assertEquals(25.0, cpu.getDouble("avg"));
        assertEquals(50.0, cpu.getDouble("max"));
        assertEquals(6, cpu.getInteger("count"));

        assertError(get("/api/v1/children/nobody", ApiFixture.TOKEN), 404, "not_found");
        assertError(get("/api/v1/series/nobody/latest", ApiFixture.TOKEN), 404, "not_found");
        assertError(get("/api/v1/crashes/99", ApiFixture.TOKEN), 404, "not_found");
        assertError(get("/api/v1/series/dice-roller/history?from=yesterday", ApiFixture.TOKEN), 400, "bad_request");
        assertError(get("/api/v1/series/dice-roller/history?window=-5m", ApiFixture.TOKEN), 400, "bad_request");
        assertError(get("/api/v1/series/dice-roller/history?from=200&to=100", ApiFixture.TOKEN), 400, "bad_request");
        assertError(get("/api/v1/children/game/logs?lines=0", ApiFixture.TOKEN), 400, "bad_request");
        assertError(get("/api/v1/no/such/route", ApiFixture.TOKEN), 404, "not_found");
        assertError(
                post("/api/v1/children/game/explode", "", Map.of("Authorization", "Bearer " + ApiFixture.TOKEN)),
                400,
                "bad_request");
        JsonObject openapi =
                new JsonObject(get("/api/v1/openapi.json", ApiFixture.TOKEN).body());
        assertTrue(openapi.getJsonObject("paths").containsKey("/series/{source}/aggregates"));
    }

    @Test
    void crashesComeWithTheirTailOnlyInDetail() throws Exception {
        start(ApiFixture.config());
        fx.onContext(() -> fx.backend.crash("game", Instant.parse("2026-11-23T11:00:00Z"), 137, List.of("a", "b")));
        JsonArray list = new JsonArray(get("/api/v1/crashes", ApiFixture.TOKEN).body());
        assertEquals(1, list.size());
        assertFalse(list.getJsonObject(0).containsKey("tail"));
        assertEquals(2, list.getJsonObject(0).getInteger("tailLines"));
        JsonObject one =
                new JsonObject(get("/api/v1/crashes/1", ApiFixture.TOKEN).body());
        assertEquals(List.of("a", "b"), one.getJsonArray("tail").getList());
        assertEquals(180_000, one.getLong("uptime"));
        assertEquals("SIGKILL", one.getString("likelySignal"));
    }

    @Test
    void aSwitchedOffCapabilityAnswers503() throws Exception {
        Vertx plain = Vertx.vertx();
        try {
            HttpApi api = new HttpApi(plain, ApiFixture.config(), data, null, null, null, null, null);
            base = "http://127.0.0.1:"
                    + api.start().toCompletionStage().toCompletableFuture().get();
            assertError(get("/api/v1/children", ApiFixture.TOKEN), 503, "unavailable");
            assertError(get("/api/v1/system", ApiFixture.TOKEN), 503, "unavailable");
            assertFalse(new JsonObject(get("/api/v1/http", ApiFixture.TOKEN).body()).getBoolean("enabled"));
        } finally {
            plain.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void cookieSessionNeedsTheCsrfTokenToChangeState() throws Exception {
        start(ApiFixture.config());
        HttpResponse<String> ok = login(ApiFixture.TOKEN);
        assertEquals(302, ok.statusCode());
        assertEquals("/", ok.headers().firstValue("Location").orElseThrow());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, get("/", null).statusCode());

        String csrf = new JsonObject(get("/api/v1/session", null).body()).getString("csrfToken");
        assertError(post("/api/v1/children/game/restart", "", Map.of()), 403, "forbidden");
        assertError(post("/api/v1/children/game/restart", "", Map.of("X-CSRF-Token", "guess")), 403, "forbidden");
        HttpResponse<String> restarted = post("/api/v1/children/game/restart", "", Map.of("X-CSRF-Token", csrf));
        assertEquals(200, restarted.statusCode(), restarted.body());
        assertEquals(1, new JsonObject(restarted.body()).getJsonObject("status").getInteger("restarts"));
        JsonArray markers =
                new JsonArray(get("/api/v1/children/game/markers", null).body());
        JsonObject newest = markers.getJsonObject(markers.size() - 1);
        assertEquals(
                "restart requested", newest.getString("kind") + " " + newest.getString("detail"), markers.encode());

        HttpResponse<String> chat = post(
                "/api/v1/chat",
                "{\"line\":\"!status\"}",
                Map.of("X-CSRF-Token", csrf, "Content-Type", "application/json"));
        assertEquals(
                List.of("echo: !status"),
                new JsonObject(chat.body()).getJsonArray("replies").getList());
    }

    @Test
    void failedLoginsAreRateLimitedPerAddressButTheRightTokenIsNeverRefused() throws Exception {
        start(ApiFixture.config());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = login("wrong-guess-number-" + i);
            assertEquals(302, r.statusCode());
            assertEquals("/login#failed", r.headers().firstValue("Location").orElseThrow());
        }
        HttpResponse<String> limited = login("wrong-guess-number-6");
        assertError(limited, 429, "too_many_requests");
        assertEquals("300", limited.headers().firstValue("Retry-After").orElseThrow());
        // A guesser on the admin's address must not lock the admin out.
        assertEquals(
                "/", login(ApiFixture.TOKEN).headers().firstValue("Location").orElseThrow());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(
                "/login#failed",
                login("wrong-again").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void generatesAnOwnerOnlyTokenOnFirstStart() throws Exception {
        start(HttpConfig.listening("127.0.0.1", 0, null));
        Path file = data.resolve(AdminToken.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        assertTrue(token.length() >= 40, token);
        assertEquals(200, get("/api/v1/children", token).statusCode());
    }

    @Test
    void aBlankTokenFileNeverLogsAnyoneIn() throws Exception {
        // What a crash between creating and writing the file left behind in older versions.
        Files.createDirectories(data);
        Files.writeString(data.resolve(AdminToken.FILE), "\n");
        start(HttpConfig.listening("127.0.0.1", 0, null));
        assertEquals("/login#failed", login("").headers().firstValue("Location").orElseThrow());
        assertEquals(
                "/login#failed", login("%20").headers().firstValue("Location").orElseThrow());
        assertError(get("/api/v1/children", ""), 401, "unauthorized");
        String token = Files.readString(data.resolve(AdminToken.FILE)).strip();
        assertTrue(token.length() >= AdminToken.MIN_LENGTH, "a fresh token replaces the blank one");
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(AdminToken.FILE))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("/", login(token).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aShortTokenIsRefusedAtStart() {
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> start(HttpConfig.listening("127.0.0.1", 0, "short")));
        assertTrue(
                e.getCause().getMessage().contains("at least " + AdminToken.MIN_LENGTH),
                e.getCause().getMessage());
    }

    @Test
    void everyBadInstantOrRangeIsA400() throws Exception {
        start(ApiFixture.config());
        for (String query : List.of(
                "to=-1000000000-01-01T00:00:00Z",
                "to=1000000000-12-31T23:59:59Z",
                "from=-5",
                "to=99999999999999999999",
                "window=PT99999999999999H",
                "window=100000d")) {
            assertError(get("/api/v1/series/dice-roller/history?" + query, ApiFixture.TOKEN), 400, "bad_request");
            assertError(get("/api/v1/series/dice-roller/aggregates?" + query, ApiFixture.TOKEN), 400, "bad_request");
        }
    }

    @Test
    void theAuditNamesTheActorInFullNewestFirstAndPagesBack() throws Exception {
        start(ApiFixture.config());
        Instant at = Instant.parse("2026-12-02T06:00:00Z");
        fx.backend.audit.add(new AuditEntry(
                11,
                at.minusSeconds(60),
                Actor.named("console"),
                "console",
                "console",
                "!stop game",
                "ok",
                "stopped game"));
        fx.backend.audit.add(new AuditEntry(
                12,
                at,
                new Actor("alice", "~alice", "127.0.0.2", null),
                "irc",
                "#warden",
                "!restart game",
                "ok",
                "restarted game"));
        JsonObject page =
                new JsonObject(get("/api/v1/audit?limit=1", ApiFixture.TOKEN).body());
        assertEquals(
                new JsonObject(
                        "{\"entries\":[{\"seq\":12,\"at\":\"2026-12-02T06:00:00Z\",\"actor\":{\"nick\":\"alice\","
                                + "\"user\":\"~alice\",\"host\":\"127.0.0.2\",\"account\":null},\"connector\":\"irc\","
                                + "\"place\":\"#warden\",\"command\":\"!restart game\",\"outcome\":\"ok\","
                                + "\"detail\":\"restarted game\"}]}"),
                page);
        JsonObject older =
                new JsonObject(get("/api/v1/audit?before=12", ApiFixture.TOKEN).body());
        assertEquals(11L, older.getJsonArray("entries").getJsonObject(0).getLong("seq"));
        assertEquals(1, older.getJsonArray("entries").size());
        assertError(get("/api/v1/audit?before=soon", ApiFixture.TOKEN), 400, "bad_request");
        assertError(get("/api/v1/audit", null), 401, "unauthorized");
    }

    @Test
    void prometheusCarriesHttpTimingsAndChildMeters() throws Exception {
        start(ApiFixture.config());
        fx.onContext(() -> fx.backend.tick(
                Instant.now(), Map.of("dice-roller", Map.of("cpu", 42.5, "rssBytes", 1.5e8, "events.delivered", 7.0))));
        get("/api/v1/children", ApiFixture.TOKEN);
        get("/api/v1/children/nobody", ApiFixture.TOKEN);
        String scrape = get("/metrics", ApiFixture.TOKEN).body();
        assertTrue(scrape.contains("warden_child_resident_memory_bytes{child=\"dice-roller\"} 1.5E8"), scrape);
        assertTrue(scrape.contains("warden_plugin_events_delivered_total{child=\"dice-roller\"} 7.0"), scrape);
        assertTrue(scrape.contains("warden_child_up{child=\"game\"} 1"), scrape);
        assertFalse(scrape.contains("cpu_percent"), "a percentage is no base unit: " + scrape);
        assertTrue(scrape.contains("warden_system_disk_used_bytes{mount=\"/\"} 4.1E10"), scrape);
        assertTrue(scrape.contains("route=\"/api/v1/children\""), scrape);
        assertTrue(scrape.contains("vertx_http_server_response_time_seconds"), scrape);
        assertFalse(scrape.contains("vertx_http_server_active_requests"), "a gauge that never comes down is left out");
        assertFalse(scrape.contains(ApiFixture.TOKEN));

        JsonObject stats = new JsonObject(get("/api/v1/http", ApiFixture.TOKEN).body());
        assertTrue(stats.getBoolean("enabled"));
        assertTrue(stats.getJsonArray("routes").stream()
                .map(JsonObject.class::cast)
                .anyMatch(r -> r.getString("route").equals("/api/v1/children") && r.getLong("count") >= 1));
    }

    @Test
    void metricsCanBePublic() throws Exception {
        start(new HttpConfig("127.0.0.1", 0, ApiFixture.TOKEN, true, true, null, null));
        assertEquals(200, get("/metrics", null).statusCode());
    }

    @Test
    void streamsTicksStatesAndOutput() throws Exception {
        start(ApiFixture.config());
        HttpResponse<Stream<String>> sse = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/stream?logs=game"))
                        .header("Authorization", "Bearer " + ApiFixture.TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(
                "text/event-stream", sse.headers().firstValue("Content-Type").orElseThrow());
        Iterator<String> lines = sse.body().iterator();
        assertEquals(": warden stream", lines.next());
        fx.onContext(() -> {
            fx.backend.tick(Instant.now(), Map.of("game", Map.of("cpu", 3.0)));
            fx.backend.publishOutput("dice-roller", "not this one");
            fx.backend.publishOutput("game", "hello from game");
            fx.backend.control("game", "stop");
        });
        List<String> events = new java.util.ArrayList<>();
        while (events.size() < 3) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                String data = lines.next();
                events.add(line.substring(7) + " " + new JsonObject(data.substring(6)).encode());
            }
        }
        assertTrue(events.get(0).startsWith("tick "), events.get(0));
        assertTrue(events.get(1).startsWith("output ") && events.get(1).contains("hello from game"), events.get(1));
        assertTrue(events.get(2).startsWith("state ") && events.get(2).contains("STOPPED"), events.get(2));
        CompletableFuture.runAsync(sse.body()::close);
    }
}
