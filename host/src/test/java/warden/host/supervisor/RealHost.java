package warden.host.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import warden.host.Main;
import warden.host.fixtures.Fixtures;

/**
 * Warden as its own process ({@link Main}) on a config of three services, in a process group of its own ({@code
 * setsid}) or on a terminal of its own ({@code script}), so a test can signal the host, its group or its terminal the
 * way a shell, {@code timeout} or a service manager would, without touching the test JVM.
 *
 * <p>The services, started in this order: {@code polite} answers its stop command, {@code wrapper} is a script with a
 * background helper and a daemon (it only hears SIGTERM), {@code stubborn} ignores SIGTERM and needs the SIGKILL.
 */
final class RealHost implements AutoCloseable {

    static final String CONFIG =
            """
            http: {port: 0}
            chat: {console: false}
            plugins: {dir: ./no-plugins, watch: false}
            services:
              - id: polite
                command: [sh, -c, 'echo up; while read l; do [ "$l" = /stop ] && { echo "stop received"; exit 0; }; done']
                ready: up
                stop: {command: /stop, timeout: 5s}
              - id: wrapper
                command: [sh, -c, "sleep 1000 & echo helper $!; (setsid sh -c 'echo daemon $$; exec sleep 1001' &); exec sleep 1002"]
                ready: daemon
              - id: stubborn
                command: [sh, -c, "trap '' TERM INT; echo up; while :; do sleep 1; done"]
                ready: up
                stop: {timeout: 300ms}
            """;

    /** How the host is started: in a group of its own, or as the foreground job of a terminal of its own. */
    enum Mode {
        GROUP,
        TERMINAL
    }

    final Path dir;
    final Path data;
    final Process process;
    /** The JVM's pid (under {@code script}, a grandchild of {@link #process}). */
    final long pid;

    final List<String> banner = new ArrayList<>();
    private final BufferedReader out;

    private RealHost(Path dir, Process process, long pid, BufferedReader out) {
        this.dir = dir;
        this.data = dir.resolve("warden-data");
        this.process = process;
        this.pid = pid;
        this.out = out;
    }

    /** Starts a host on {@code dir/warden.yaml} (written from {@link #CONFIG} unless there) and waits for its banner. */
    static RealHost start(Path dir, Mode mode) throws Exception {
        return start(dir, mode, java.util.Map.of());
    }

    /** {@link #start(Path, Mode)} with {@code env} in the host's environment (no other WARDEN_ variable is). */
    static RealHost start(Path dir, Mode mode, java.util.Map<String, String> env) throws Exception {
        if (!Files.exists(dir.resolve("warden.yaml"))) {
            Files.writeString(dir.resolve("warden.yaml"), CONFIG);
        }
        List<String> java = Fixtures.java(Main.class, "--config", "warden.yaml", "--no-console");
        List<String> command = new ArrayList<>();
        if (mode == Mode.GROUP) {
            command.add("setsid");
            command.addAll(java);
        } else {
            // script(1) runs the command as the foreground job of a new pseudo-terminal; what we write to its stdin is
            // typed on that terminal, so \u0003 is a real Ctrl-C.
            command.addAll(List.of("script", "-qfec", "exec " + shellQuote(java) + " 2>err.txt", "/dev/null"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (mode == Mode.GROUP) {
            pb.redirectError(dir.resolve("err.txt").toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = p.inputReader(StandardCharsets.UTF_8);
        List<String> banner = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.contains("Stop with Ctrl-C")) {
            banner.add(line);
        }
        if (line == null) {
            throw new IOException("the host ended before its banner: " + banner + " " + errors(dir));
        }
        long pid = mode == Mode.GROUP ? p.pid() : javaBelow(p);
        RealHost host = new RealHost(dir, p, pid, out);
        host.banner.addAll(banner);
        return host;
    }

    /** Sends {@code signal} ("TERM", "INT") to the host alone, or to its whole process group. */
    void signal(String signal, boolean group) throws Exception {
        String target = group ? "-" + pid : Long.toString(pid);
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", target).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -s " + signal + " " + target + " failed");
        }
    }

    /**
     * Waits until the host has logged {@code n} children as RUNNING (the banner comes once they are spawned, and a
     * wrapper forks its helpers after that), polling its stderr file every 5 ms for at most 30 s.
     */
    void awaitRunning(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int running = 0;
        while ((running = errors().split("STARTING -> RUNNING", -1).length - 1) < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException(running + " of " + n + " children RUNNING after 30 s: " + errors());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Types Ctrl-C on the host's terminal. */
    void ctrlC() throws IOException {
        OutputStream terminal = process.getOutputStream();
        terminal.write(3);
        terminal.flush();
    }

    /** Waits for the host to exit and returns its exit code (under {@code script}, the code script passes on). */
    int awaitExit() throws Exception {
        // Drained so the host never blocks on a full pipe while it stops.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the stop messages; the test reads err.txt
                }
            } catch (IOException e) {
                // ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IOException("the host did not exit within 60 s");
        }
        return process.exitValue();
    }

    String errors() throws IOException {
        return errors(dir);
    }

    private static String errors(Path dir) throws IOException {
        Path err = dir.resolve("err.txt");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long javaBelow(Process script) throws Exception {
        for (int i = 0; i < 500; i++) {
            for (ProcessHandle h : script.descendants().toList()) {
                if (h.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
                    return h.pid();
                }
            }
            Thread.sleep(10);
        }
        throw new IOException("no java process below script");
    }

    private static String shellQuote(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append('\'')
                    .append(a.replace("'", "'\\''"))
                    .append('\'');
        }
        return sb.toString();
    }
}
