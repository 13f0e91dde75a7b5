package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import warden.host.fixtures.External;

/**
 * A real ngircd for the IRC tests, on a free loopback port, run in the foreground ({@code -n}) as a child of the test
 * JVM. Its log is read on a thread; {@link #start} completes when ngircd says it is ready.
 */
final class Ngircd implements AutoCloseable {

    static final String CHANNEL = "#warden";

    private final Path binary;
    private final Path conf;
    final int port;
    private Process process;

    Ngircd(Path dir) throws IOException {
        this.binary = External.require("/usr/sbin/ngircd", "ngircd");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.conf = dir.resolve("ngircd.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        List.of(
                                "[Global]",
                                "Name = irc.warden.test",
                                "Info = warden test",
                                "AdminInfo1 = test",
                                "AdminInfo2 = test",
                                "AdminEMail = test@example.org",
                                "Listen = 127.0.0.1",
                                "Ports = " + port,
                                "MotdPhrase = test server",
                                "PidFile = " + dir.resolve("ngircd.pid"),
                                "[Limits]",
                                "PingTimeout = 120",
                                "PongTimeout = 20",
                                "[Options]",
                                "PAM = no",
                                "Ident = no",
                                "DNS = no",
                                "[Channel]",
                                "Name = " + CHANNEL,
                                "")));
    }

    Future<Void> start() {
        Promise<Void> ready = Promise.promise();
        try {
            process = new ProcessBuilder(binary.toString(), "-n", "-f", conf.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        Process p = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (line.contains("ready.")) {
                                ready.tryComplete();
                            }
                        }
                        ready.tryFail("ngircd exited before it was ready");
                    } catch (IOException e) {
                        ready.tryFail(e);
                    }
                },
                "ngircd-log");
        reader.setDaemon(true);
        reader.start();
        return ready.future();
    }

    /** Stops the server and waits until it is gone, so the port is free again. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
