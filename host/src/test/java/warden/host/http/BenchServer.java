package warden.host.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import warden.host.config.ExportConfig;
import warden.host.config.HttpConfig;
import warden.host.export.Exporter;
import warden.host.supervisor.ChildKind;

/**
 * The HTTP layer alone, for {@code bench/http/run.sh}: the API over {@link FakeBackend} with an hour of 5 s samples for
 * three children and a tick every 5 s. Args: {@code port metrics(on|off|ab) token}. With {@code ab} the HTTP metrics
 * are built in and each line {@code on} or {@code off} on stdin switches their recording, so one JVM (one JIT's luck)
 * serves both halves of the comparison; each switch is acknowledged with a line {@code recording on|off}.
 */
public final class BenchServer {

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean switched = args[1].equals("ab");
        boolean metrics = switched || args[1].equals("on");
        String token = args[2];
        HttpConfig config = new HttpConfig("127.0.0.1", port, token, false, metrics, null, null);
        Vertx vertx = Exporter.newVertx(new VertxOptions(), metrics);
        Path data = Files.createTempDirectory("warden-bench");
        FakeBackend backend = new FakeBackend(vertx)
                .child("dice-roller", ChildKind.PLUGIN)
                .child("eightball", ChildKind.PLUGIN)
                .child("game", ChildKind.SERVICE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 720; i++) {
            backend.record(now.minusSeconds(5L * (720 - i)), sample(i));
        }
        vertx.getOrCreateContext().runOnContext(v -> {
            Exporter exporter = new Exporter(vertx, ExportConfig.DEFAULT, backend::children, Map.of());
            HttpApi api = new HttpApi(vertx, config, data, exporter, backend, Clock.systemUTC());
            exporter.start()
                    .compose(x -> api.start())
                    .onSuccess(p -> {
                        System.out.println("listening on " + p);
                        if (switched) {
                            switchOnStdin(exporter);
                        }
                    })
                    .onFailure(e -> {
                        e.printStackTrace();
                        System.exit(1);
                    });
            int[] n = {720};
            vertx.setPeriodic(5000, id -> backend.tick(Instant.now(), sample(n[0]++)));
        });
    }

    private static void switchOnStdin(Exporter exporter) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            exporter.httpRecording(line.trim().equals("on"));
                            System.out.println("recording " + line.trim());
                        }
                    } catch (IOException e) {
                        System.exit(1);
                    }
                },
                "bench-switch");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, Map<String, Double>> sample(int i) {
        return Map.of(
                "dice-roller", Map.of("cpu", 30 + 25 * Math.sin(i / 40.0), "rssBytes", 180e6, "events.perMin", 40.0),
                "eightball", Map.of("cpu", 4 + 2 * Math.sin(i / 13.0), "rssBytes", 95e6, "events.delivered", i / 4.0),
                "game", Map.of("cpu", 55 + 10 * Math.sin(i / 30.0), "rssBytes", 1.2e9));
    }
}
