package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.fixtures.External;

/** The Alertmanager channel against Debian's prometheus-alertmanager, started here on a free port. */
class AlertmanagerChannelTest {

    @TempDir
    Path dir;

    private Process alertmanager;
    private AlertHarness harness;
    private final Vertx client = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor(10, TimeUnit.SECONDS);
        }
        client.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aFiringAlertShowsInAlertmanagerAndItsResolveEndsIt() throws Exception {
        Path binary = External.require("/usr/bin/prometheus-alertmanager", "prometheus-alertmanager");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("am.yml");
        Files.writeString(config, "route:\n  receiver: none\nreceivers:\n  - name: none\n");
        alertmanager = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("am.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        waitFor(base + "/-/ready", body -> true);

        harness = new AlertHarness(
                dir, "channels:\n  - {name: am, type: alertmanager, url: \"" + base + "/\"}\n", Map.of(), List::of);
        harness.publish(
                Addresses.CHILD_STATE,
                new JsonObject().put("id", "game").put("state", "FAILED").put("reason", "crash loop: 3 crashes in 1m"));

        JsonArray alerts = new JsonArray(waitFor(base + "/api/v2/alerts", body -> new JsonArray(body).size() == 1));
        JsonObject alert = alerts.getJsonObject(0);
        JsonObject labels = alert.getJsonObject("labels");
        assertEquals("crash-loop", labels.getString("alertname"));
        assertEquals("game", labels.getString("scope"));
        assertEquals("critical", labels.getString("severity"));
        assertEquals(
                "game is FAILED: crash loop: 3 crashes in 1m",
                alert.getJsonObject("annotations").getString("summary"));
        assertEquals("active", alert.getJsonObject("status").getString("state"));

        harness.publish(
                Addresses.CHILD_STATE, new JsonObject().put("id", "game").put("state", "RUNNING"));
        waitFor(base + "/api/v2/alerts", body -> new JsonArray(body).isEmpty());
    }

    /** GETs {@code url} until the body passes {@code until}, for up to 20 s; Alertmanager applies posts on its own. */
    private String waitFor(String url, Predicate<String> until) throws Exception {
        HttpClient http = client.createHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = http.request(
                                new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                        .compose(r -> r.send().compose(resp -> resp.body()))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .toString();
                if (until.test(last)) {
                    return last;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(100); // waiting on a condition with a deadline
        }
        throw new AssertionError(url + " never got there; last answer: " + last);
    }
}
