package warden.host.supervisor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny shell process that outlives a host killed with SIGKILL just long enough to kill what it left: the host's
 * children die of their death signal at once, but their descendants (a wrapper script's helper, a forked server) only
 * die when someone kills their process group, and without a keeper that waits for the next host start.
 *
 * <p>The keeper blocks reading its stdin, a pipe only the host holds. When the host dies, for any reason, the kernel
 * closes the pipe; the keeper then SIGKILLs the process group of every pid file in {@code run/} and every process whose
 * environment says this data dir's host started it ({@link ProcessTree#HOST_VAR}), and exits. On a clean close the
 * host writes {@code exit} first, and the keeper exits without touching anything. It runs in its own session, so a
 * Ctrl-C or a signal to the host's process group does not reach it.
 *
 * <p>Owned by the {@link Launcher}; one per supervisor. Absent where there is no {@code /bin/sh} or no /proc.
 */
final class Keeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Keeper.class);
    private static final Path SH = Path.of("/bin/sh");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** $1: the data dir (as in the marker); $2: the run dir with the pid files. */
    static final String SCRIPT =
            """
            while read -r line; do [ "$line" = exit ] && exit 0; done
            for f in "$2"/*.pid; do
              [ -f "$f" ] || continue
              g=$(sed -n 's/^pgid=//p' "$f")
              [ -n "$g" ] && [ "$g" -gt 1 ] && kill -KILL -"$g" 2>/dev/null
            done
            for f in $(grep -lzxF "%s=$1" /proc/[0-9]*/environ 2>/dev/null); do
              p=${f#/proc/}; p=${p%%/environ}
              kill -KILL "$p" 2>/dev/null
            done
            exit 0
            """
                    .formatted(ProcessTree.HOST_VAR);

    private final Process process;
    private final OutputStream stdin;

    private Keeper(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Starts a keeper, or returns null where none can run (the host then relies on the next start's cleanup). */
    static Keeper start(String hostDir, Path runDir) {
        if (!Files.isExecutable(SH) || !ProcessTree.available()) {
            return null;
        }
        List<String> command = Files.isExecutable(SETSID)
                ? List.of(SETSID.toString(), SH.toString(), "-c", SCRIPT, "warden-keeper", hostDir, runDir.toString())
                : List.of(SH.toString(), "-c", SCRIPT, "warden-keeper", hostDir, runDir.toString());
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Keeper(p);
        } catch (IOException e) {
            LOG.warn(
                    "no keeper for the process groups of children ({}); a SIGKILLed host's descendants are only"
                            + " stopped by the next start",
                    e.toString());
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Tells the keeper to exit without killing anything, and waits briefly for it. */
    @Override
    public void close() {
        try {
            stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // Already gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
