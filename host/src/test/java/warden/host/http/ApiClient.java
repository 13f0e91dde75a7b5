package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import warden.host.config.HttpConfig;
import warden.host.fixtures.TestClock;
import warden.host.supervisor.ChildKind;

/**
 * What the HTTP API tests share: an {@link ApiFixture} with a plugin {@code dice-roller} and a service {@code game}, on
 * a {@link TestClock}, and a client that keeps cookies and does not follow redirects (a test reads where a login
 * sends it). Close it after the test.
 */
final class ApiClient implements AutoCloseable {

    final ApiFixture fx = new ApiFixture();
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base;

    void start(HttpConfig config, Path data) throws Exception {
        fx.backend.child("dice-roller", ChildKind.PLUGIN).child("game", ChildKind.SERVICE);
        int port = fx.start(config, data, clock)
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        base = "http://127.0.0.1:" + port;
    }

    /** {@code GET path}, with {@code bearer} as the token unless null (then only the session cookie, if any). */
    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} with the admin token. */
    HttpResponse<String> get(String path) throws Exception {
        return get(path, ApiFixture.TOKEN);
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String token) throws Exception {
        return post("/login", "token=" + token, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** The one error shape: the status, a code and a message that says something. */
    static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(status, body.getInteger("status"));
        assertEquals(code, body.getString("error"));
        assertFalse(body.getString("message").isBlank());
    }

    @Override
    public void close() throws Exception {
        fx.close();
    }
}
