package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static warden.host.http.ApiClient.assertError;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.HttpConfig;

/**
 * The API and the dashboard behind the admin token: bearer or session cookie with its CSRF token, login rate limits
 * that never lock the admin out, and a token file only its owner reads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpAuthTest {

    @TempDir
    Path data;

    private final ApiClient api = new ApiClient();

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void everyApiRouteNeedsTheToken() throws Exception {
        api.start(ApiFixture.config(), data);
        assertError(api.get("/api/v1/children", null), 401, "unauthorized");
        assertError(api.get("/api/v1/children", "wrong"), 401, "unauthorized");
        assertError(api.get("/api/v1/nope", null), 401, "unauthorized");
        assertEquals(401, api.get("/metrics", null).statusCode());
        HttpResponse<String> page = api.get("/", null);
        assertEquals(302, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(
                302,
                api.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null).statusCode());
        HttpResponse<String> login = api.get("/login", null);
        assertEquals(200, login.statusCode());
        assertTrue(login.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .contains("frame-ancestors 'none'"));
    }

    @Test
    void cookieSessionNeedsTheCsrfTokenToChangeState() throws Exception {
        api.start(ApiFixture.config(), data);
        HttpResponse<String> ok = api.login(ApiFixture.TOKEN);
        assertEquals(302, ok.statusCode());
        assertEquals("/", ok.headers().firstValue("Location").orElseThrow());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, api.get("/", null).statusCode());

        String csrf = new JsonObject(api.get("/api/v1/session", null).body()).getString("csrfToken");
        assertError(api.post("/api/v1/children/game/restart", "", Map.of()), 403, "forbidden");
        assertError(api.post("/api/v1/children/game/restart", "", Map.of("X-CSRF-Token", "guess")), 403, "forbidden");
        HttpResponse<String> restarted = api.post("/api/v1/children/game/restart", "", Map.of("X-CSRF-Token", csrf));
        assertEquals(200, restarted.statusCode(), restarted.body());
        assertEquals(1, new JsonObject(restarted.body()).getJsonObject("status").getInteger("restarts"));
        JsonArray markers =
                new JsonArray(api.get("/api/v1/children/game/markers", null).body());
        JsonObject newest = markers.getJsonObject(markers.size() - 1);
        assertEquals(
                "restart requested", newest.getString("kind") + " " + newest.getString("detail"), markers.encode());

        HttpResponse<String> chat = api.post(
                "/api/v1/chat",
                "{\"line\":\"!status\"}",
                Map.of("X-CSRF-Token", csrf, "Content-Type", "application/json"));
        assertEquals(
                List.of("echo: !status"),
                new JsonObject(chat.body()).getJsonArray("replies").getList());
    }

    @Test
    void failedLoginsAreRateLimitedPerAddressButTheRightTokenIsNeverRefused() throws Exception {
        api.start(ApiFixture.config(), data);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = api.login("wrong-guess-number-" + i);
            assertEquals(302, r.statusCode());
            assertEquals("/login#failed", r.headers().firstValue("Location").orElseThrow());
        }
        HttpResponse<String> limited = api.login("wrong-guess-number-6");
        assertError(limited, 429, "too_many_requests");
        assertEquals("300", limited.headers().firstValue("Retry-After").orElseThrow());
        // A guesser on the admin's address must not lock the admin out.
        assertEquals(
                "/",
                api.login(ApiFixture.TOKEN).headers().firstValue("Location").orElseThrow());
        api.clock.advance(Duration.ofMinutes(5));
        assertEquals(
                "/login#failed",
                api.login("wrong-again").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void generatesAnOwnerOnlyTokenOnFirstStart() throws Exception {
        api.start(HttpConfig.listening("127.0.0.1", 0, null), data);
        Path file = data.resolve(AdminToken.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        assertTrue(token.length() >= 40, token);
        assertEquals(200, api.get("/api/v1/children", token).statusCode());
    }

    @Test
    void aBlankTokenFileNeverLogsAnyoneIn() throws Exception {
        // What a crash between creating and writing the file left behind in older versions.
        Files.createDirectories(data);
        Files.writeString(data.resolve(AdminToken.FILE), "\n");
        api.start(HttpConfig.listening("127.0.0.1", 0, null), data);
        assertEquals(
                "/login#failed", api.login("").headers().firstValue("Location").orElseThrow());
        assertEquals(
                "/login#failed",
                api.login("%20").headers().firstValue("Location").orElseThrow());
        assertError(api.get("/api/v1/children", ""), 401, "unauthorized");
        String token = Files.readString(data.resolve(AdminToken.FILE)).strip();
        assertTrue(token.length() >= AdminToken.MIN_LENGTH, "a fresh token replaces the blank one");
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(AdminToken.FILE))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("/", api.login(token).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aShortTokenIsRefusedAtStart() {
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> api.start(HttpConfig.listening("127.0.0.1", 0, "short"), data));
        assertTrue(
                e.getCause().getMessage().contains("at least " + AdminToken.MIN_LENGTH),
                e.getCause().getMessage());
    }
}
