package warden.host.export;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;

/**
 * A whole Warden host, started from a YAML text in {@code dir} on a free port with a 1 s sampler, as {@code Main}
 * would run it; {@link #reload} rewrites the file and applies it. Close it to stop the host and its Vertx.
 */
final class LiveHost implements AutoCloseable {

    static final String TOKEN = "export-test-token-0123456789";

    final Warden warden;
    private final Vertx vertx;
    private final Path file;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code yaml} is everything but {@code http}, {@code metrics} and {@code chat.console}. */
    LiveHost(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir);
        file = dir.resolve("warden.yaml");
        write(yaml);
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(file);
        vertx = Warden.createVertx(config);
        warden = Warden.start(vertx, config, () -> new ConfigLoader(Map.of(), dir).load(file))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private void write(String yaml) throws Exception {
        Files.writeString(
                file,
                "http: {port: 0, adminToken: " + TOKEN + "}\nmetrics: {interval: 1s}\n"
                        + (yaml.contains("chat:") ? "" : "chat: {console: false}\n") + yaml);
    }

    /** {@code 127.0.0.1:port}, as a scrape target. */
    String address() {
        return URI.create(warden.dashboardUrl()).getAuthority();
    }

    /** {@code GET path} with the token. */
    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(warden.dashboardUrl() + path.substring(1)))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first {@code /metrics} scrape that {@code done} accepts, within {@code limit}; fails with the last one. */
    String scrapeWhen(String what, java.time.Duration limit, java.util.function.Predicate<String> done)
            throws Exception {
        String[] last = {""};
        try {
            Prometheus.await(what, limit, () -> {
                try {
                    last[0] = get("/metrics").body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return done.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last scrape:\n" + last[0], e);
        }
        return last[0];
    }

    /** A chat line through the API, as an admin on the console would type it. */
    HttpResponse<String> chat(String line) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(warden.dashboardUrl() + "api/v1/chat"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new io.vertx.core.json.JsonObject()
                                .put("line", line)
                                .encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code yaml} as the new file and reloads it. */
    void reload(String yaml) throws Exception {
        write(yaml);
        warden.reloadConfig().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            warden.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
