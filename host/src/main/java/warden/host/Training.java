package warden.host;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;

/**
 * The training run for the host's class-data archive: {@code java -XX:ArchiveClassesAtExit=FILE -cp warden.jar
 * warden.host.Training}, which the launcher ({@code bin/warden}) runs once in the background after a start that found
 * no archive for its jar and JVM. It starts a host on a throw-away data dir with one short service and the HTTP API on
 * an ephemeral port, asks the API once, and stops it, so the archive holds the classes a host start loads (Vert.x,
 * Netty, Jackson, SQLite, Micrometer, the host's own). With it the next host starts its children sooner (issue 16).
 */
public final class Training {

    private static final String TOKEN = "training-token-0123456789abcdef";

    private Training() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("warden-training");
        try {
            train(dir);
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private static void train(Path dir) throws Exception {
        Path config = dir.resolve("warden.yaml");
        Files.writeString(
                config,
                """
                http: {host: 127.0.0.1, port: 0}
                metrics: {interval: 1s}
                plugins: {dir: ./plugins, watch: false}
                chat: {console: false}
                services:
                  - id: training
                    command: [/bin/sleep, "30"]
                """);
        WardenConfig wardenConfig = new ConfigLoader(Map.of("WARDEN_ADMIN_TOKEN", TOKEN), dir)
                .set("data", dir.resolve("data").toString(), "training")
                .load(config);
        Vertx vertx = Warden.createVertx(wardenConfig);
        try {
            Warden warden = Warden.start(vertx, wardenConfig)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            ask(warden.dashboardUrl() + "api/v1/children");
            ask(warden.dashboardUrl() + "metrics");
            warden.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** One request, whatever its answer: the point is the classes that serving it loads. */
    private static void ask(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + TOKEN);
        try {
            c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
