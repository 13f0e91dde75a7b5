package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;

/** A first visit to the dashboard, each request on a connection of its own as a browser opens them, logs no WARN. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstVisitLogTest {

    private static final String TOKEN = "first-visit-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void aFirstVisitLogsNoWarning() throws Exception {
        // Sampling off: a starved build machine may warn about a late tick, which is no part of a visit.
        Files.writeString(
                dir.resolve("warden.yaml"),
                "data: %s\nhttp: {port: 0, adminToken: %s}\nchat: {console: false}\nmetrics: {interval: 0}\n"
                        .formatted(dir.resolve("data"), TOKEN));
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        Vertx vertx = Warden.createVertx(config);
        Warden warden = null;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            warden = Warden.start(vertx, config)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            for (String path : List.of("", "login", "api/v1/system", "api/v1/children", "api/v1/http")) {
                HttpClient fresh = HttpClient.newHttpClient();
                HttpResponse<String> r = fresh.send(
                        HttpRequest.newBuilder(URI.create(warden.dashboardUrl() + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(path.isEmpty() ? 302 : 200, r.statusCode(), path + ": " + r.body());
            }
        } finally {
            if (warden != null) {
                warden.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(" WARN "), text);
    }
}
