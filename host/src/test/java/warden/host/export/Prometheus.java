package warden.host.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian {@code prometheus}) on a free loopback port with a temp config and storage, scraping the
 * given Warden hosts every second with the bearer token; and its query API. Close it to stop the process.
 */
final class Prometheus implements AutoCloseable {

    static final String PATH = "/usr/bin/prometheus";
    static final String PROMTOOL = "/usr/bin/promtool";

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code targets}: host:port of each Warden; {@code rules}: rule files to load, may be empty. */
    Prometheus(Path dir, String token, List<String> targets, List<Path> rules) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Files.writeString(dir.resolve("token"), token);
        StringBuilder ruleFiles = new StringBuilder();
        for (Path r : rules) {
            ruleFiles.append("  - ").append(r.toAbsolutePath()).append('\n');
        }
        Files.writeString(
                dir.resolve("prometheus.yml"),
                """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files:
                %s
                scrape_configs:
                  - job_name: warden
                    authorization: {credentials_file: %s}
                    static_configs:
                      - targets: [%s]
                """
                        .formatted(
                                ruleFiles.isEmpty() ? "  []" : ruleFiles,
                                dir.resolve("token"),
                                String.join(", ", targets))
                        .replace("rule_files:\n  []", "rule_files: []"));
        process = new ProcessBuilder(
                        PATH,
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        await("Prometheus ready", Duration.ofSeconds(20), () -> ready());
    }

    private boolean ready() {
        return answers(http, base + "/-/ready", 200);
    }

    /** True when {@code GET url} answers {@code status}; false while nothing listens there. */
    static boolean answers(HttpClient http, String url, int status) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes each of {@code closeables} that was made, in order: what a test's set-up got to before it failed. */
    static void closeAll(AutoCloseable... closeables) throws Exception {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The result vector (or matrix) of an instant query; fails on a query error. */
    JsonArray query(String promql) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body = new JsonObject(r.body());
        if (!"success".equals(body.getString("status"))) {
            throw new AssertionError(promql + ": " + body.encode());
        }
        return body.getJsonObject("data").getJsonArray("result");
    }

    /** Waits until {@code promql} answers what {@code done} accepts, with a deadline; returns that answer. */
    JsonArray until(String promql, Duration limit, Predicate<JsonArray> done) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        JsonArray last = null;
        while (System.nanoTime() < end) {
            last = query(promql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(promql + " did not answer as expected within " + limit + "; last: " + last);
    }

    /** The value of the first sample of a vector answer. */
    static double value(JsonArray vector) {
        return Double.parseDouble(vector.getJsonObject(0).getJsonArray("value").getString(1));
    }

    /** Waits for a condition of an outside program with a deadline (the program cannot tell us). */
    static void await(String what, Duration limit, java.util.function.BooleanSupplier done) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + limit);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
