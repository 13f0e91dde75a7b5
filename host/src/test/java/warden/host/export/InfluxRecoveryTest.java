package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import warden.host.config.ConfigLoader;
import warden.host.config.ExportConfig;
import warden.host.fixtures.External;
import warden.host.fixtures.OnContext;

/**
 * A host whose InfluxDB is not up yet, then goes away and comes back: the retention set-up and the push each say
 * "failed" once and "works again" once, points are pushed after each recovery, and the host serves on throughout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@External.Needs(path = Influxd.PATH, debianPackage = "influxdb")
class InfluxRecoveryTest {

    @Test
    void anInfluxdStartedLateThenRestartedGetsPointsAfterEachRecovery() throws Exception {
        Path dir = Files.createTempDirectory("warden-influx-recovery");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (Influxd influxd = new Influxd(dir.resolve("influxd"));
                LiveHost host = new LiveHost(
                        dir.resolve("host"),
                        InfluxExportTest.export(influxd.url(), "late")
                                + "services:\n  - {id: steady, command: [sleep, \"600\"]}\n")) {
            awaitLog(log, "retention set-up failed");
            influxd.start();
            influxd.until(points(Instant.EPOCH), InfluxExportTest.WAIT, rows -> !rows.isEmpty());
            awaitLog(log, "retention set-up works again");

            influxd.stop();
            awaitLog(log, "push failed");
            Instant restarted = Instant.now();
            influxd.start();
            influxd.until(points(restarted), InfluxExportTest.WAIT, rows -> !rows.isEmpty());
            awaitLog(log, "push works again");
            assertEquals(200, host.get("/metrics").statusCode(), "the host serves on");
        } finally {
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(text, "WARN warden.host.export.Outage - InfluxDB .*: retention set-up failed"), text);
        assertEquals(1, count(text, "WARN warden.host.export.Outage - InfluxDB .*: push failed"), text);
        assertEquals(0, count(text, "ERROR"), text);
    }

    @Test
    void aFailedSetUpIsTriedAgainWithADoublingBackOffAndWarnedOnce() throws Exception {
        Path dir = Files.createTempDirectory("warden-influx-backoff");
        Influxd influxd = new Influxd(dir.resolve("influxd"));
        Files.writeString(dir.resolve("warden.yaml"), InfluxExportTest.export(influxd.url(), "late"));
        ExportConfig.Influx config = new ConfigLoader(Map.of(), dir)
                .load(dir.resolve("warden.yaml"))
                .export()
                .influx();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        Vertx vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        InfluxPush push = new InfluxPush(vertx, new CompositeMeterRegistry(), config, Map.of());
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            long start = System.nanoTime();
            context.runOnContext(v -> push.start());
            Prometheus.await("a third failed set-up", InfluxExportTest.WAIT, () -> push.failures() >= 3);
            // Tried again after one step (1 s), then after two; a timer never fires early. Without the doubling the
            // third try would come after 2 s.
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(3000), "back-off doubles");
            influxd.start();
            awaitLog(log, "retention set-up works again");
        } finally {
            OnContext.get(context, push::stop);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            System.setErr(err);
            influxd.close();
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(text, "WARN warden.host.export.Outage - InfluxDB .*: retention set-up failed"), text);
        Matcher recovered = Pattern.compile("retention set-up works again, after \\d+s and (\\d+) failed calls")
                .matcher(text);
        assertTrue(recovered.find() && Integer.parseInt(recovered.group(1)) >= 3, text);
    }

    private static String points(Instant after) {
        return "SELECT value FROM " + InfluxExportTest.MEMORY + " WHERE child = 'steady' AND host = 'late' AND time > '"
                + after + "'";
    }

    private static void awaitLog(ByteArrayOutputStream log, String line) throws Exception {
        Prometheus.await(
                "\"" + line + "\" in the host's log", InfluxExportTest.WAIT, () -> log.toString(StandardCharsets.UTF_8)
                        .contains(line));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
