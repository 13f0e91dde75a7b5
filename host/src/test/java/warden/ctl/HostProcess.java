package warden.ctl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import warden.host.Main;
import warden.host.fixtures.Fixtures;

/**
 * A real Warden host in its own JVM ({@code warden.host.Main --config warden.yaml --no-console} in {@code dir}), as
 * an admin runs it; its stdout after the banner is kept line by line for {@link #awaitLine}.
 */
final class HostProcess implements AutoCloseable {

    final Path dir;
    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private HostProcess(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Returns once the banner is printed: the endpoint file is written then, and every service is spawned. */
    static HostProcess start(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("warden.yaml"), yaml);
        ProcessBuilder pb = new ProcessBuilder(Fixtures.java(Main.class, "--config", "warden.yaml", "--no-console"))
                .directory(dir.toFile())
                .redirectError(dir.resolve("host-err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        HostProcess host = new HostProcess(dir, pb.start());
        BufferedReader out =
                new BufferedReader(new InputStreamReader(host.process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
            // the banner
        }
        if (line == null) {
            fail("the host exited before it was up: " + Files.readString(dir.resolve("host-err.txt")));
        }
        Thread pump = new Thread(
                () -> {
                    try {
                        for (String l = out.readLine(); l != null; l = out.readLine()) {
                            host.lines.add(l);
                        }
                    } catch (Exception closed) {
                        // the host is gone
                    }
                },
                "host-stdout");
        pump.setDaemon(true);
        pump.start();
        return host;
    }

    Path data() {
        return dir.resolve("warden-data");
    }

    String token() throws Exception {
        return Files.readString(data().resolve("admin-token")).strip();
    }

    /** As the host wrote it to its endpoint file, without the closing slash (as ctl prints it). */
    String url() throws Exception {
        return Files.readString(data().resolve("run/endpoint")).strip().replaceAll("/$", "");
    }

    /** The next stdout line starting with {@code prefix}; earlier lines are skipped. */
    String awaitLine(String prefix) throws InterruptedException {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                fail("the host never printed a line starting with " + prefix);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** SIGTERM and wait: the host's exit code. */
    int stop() throws InterruptedException {
        process.toHandle().destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the host did not stop within 60s");
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
