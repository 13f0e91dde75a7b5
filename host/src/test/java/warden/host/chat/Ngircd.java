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
import java.util.ArrayList;
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
    /** The TLS port, or 0 when started without TLS. */
    final int tlsPort;
    /** The server's self-signed certificate (PEM), or null. */
    final Path certificate;

    private Process process;

    Ngircd(Path dir) throws IOException, InterruptedException {
        this(dir, false);
    }

    /** With {@code tls}, also listens for TLS with a fresh self-signed certificate for 127.0.0.1. */
    Ngircd(Path dir, boolean tls) throws IOException, InterruptedException {
        this.binary = External.require("ngircd", "ngircd");
        this.port = freePort();
        this.tlsPort = tls ? freePort() : 0;
        this.certificate = tls ? dir.resolve("cert.pem") : null;
        Path key = dir.resolve("key.pem");
        List<String> lines = new ArrayList<>(List.of(
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
                // The fairness test has 27 users on one address; ngircd allows 5 by default.
                "MaxConnectionsIP = 0",
                "[Options]",
                "PAM = no",
                "Ident = no",
                "DNS = no",
                "[Channel]",
                "Name = " + CHANNEL));
        if (tls) {
            selfSigned(dir, key, certificate);
            lines.addAll(List.of("[SSL]", "CertFile = " + certificate, "KeyFile = " + key, "Ports = " + tlsPort));
        }
        this.conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
    }

    private static void selfSigned(Path dir, Path key, Path cert) throws IOException, InterruptedException {
        Path openssl = External.require("openssl", "openssl");
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(
                        openssl.toString(),
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("openssl failed: " + Files.readString(log));
        }
        // ngircd reads the key as root, then runs as "nobody"; world-readable keeps it working when run as a user.
        key.toFile().setReadable(true, false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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

    /** The server's process id, while it runs. */
    long pid() {
        return process.pid();
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
