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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real InfluxDB 1.x (Debian {@code influxdb}) on free loopback ports with a generated config and its data in {@code
 * dir}; and its InfluxQL {@code /query}. {@link #stop} and {@link #start} again keep the ports and the data, as a
 * restarted server would. Close it to stop the process.
 */
final class Influxd implements AutoCloseable {

    static final String PATH = "/usr/bin/influxd";

    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** Writes the config; the server starts with {@link #start}, so a test can point a host at it first. */
    Influxd(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.port = freePort();
        Files.writeString(
                dir.resolve("influxdb.conf"),
                """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [continuous_queries]
                  log-enabled = false
                """
                        .formatted(freePort(), dir, dir, dir, port));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:port}, for {@code export.influx.url}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it answers {@code /ping}. */
    Influxd start() throws Exception {
        process = new ProcessBuilder(
                        PATH, "run", "-config", dir.resolve("influxdb.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("influxd.log").toFile()))
                .start();
        Prometheus.await("influxd answers /ping", Duration.ofSeconds(20), this::pings);
        return this;
    }

    private boolean pings() {
        return Prometheus.answers(http, url() + "/ping", 204);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** The rows ({@code values}) of every series of every statement's answer; fails on an error. */
    List<JsonArray> rows(String influxql) throws Exception {
        List<JsonArray> rows = new ArrayList<>();
        for (Object s : series(influxql)) {
            for (Object row : ((JsonObject) s).getJsonArray("values", new JsonArray())) {
                rows.add((JsonArray) row);
            }
        }
        return rows;
    }

    /** Every series of every statement's answer (name, tags, columns, values); fails on an error. */
    JsonArray series(String influxql) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/query?db=warden"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body = new JsonObject(r.body());
        if (body.containsKey("error")) {
            throw new AssertionError(influxql + ": " + body.encode());
        }
        JsonArray series = new JsonArray();
        for (Object result : body.getJsonArray("results", new JsonArray())) {
            JsonObject o = (JsonObject) result;
            if (o.containsKey("error")) {
                throw new AssertionError(influxql + ": " + body.encode());
            }
            series.addAll(o.getJsonArray("series", new JsonArray()));
        }
        return series;
    }

    /** Waits until the rows of {@code influxql} are what {@code done} accepts; returns them. */
    List<JsonArray> until(String influxql, Duration limit, Predicate<List<JsonArray>> done) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        Object last = null;
        while (System.nanoTime() < end) {
            try {
                List<JsonArray> rows = rows(influxql);
                if (done.test(rows)) {
                    return rows;
                }
                last = rows;
            } catch (AssertionError e) {
                // Not there yet (the database, a policy): the set-up runs beside the host's start.
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(influxql + " did not answer as expected within " + limit + "; last: " + last);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
