package warden.host.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts child processes, all from ONE long-lived thread, and keeps their pid files.
 *
 * <p>Why one thread: Linux delivers a child's parent-death signal when the <em>thread</em> that forked it exits, not
 * only when the host process dies (spike.md §5). Every child is started as {@code setpriv --pdeathsig KILL -- cmd}
 * when {@code /usr/bin/setpriv} exists, so it is SIGKILLed within milliseconds if the host is SIGKILLed; spawned from a
 * pool thread that later retires, it would be killed while the host is still alive. This thread therefore lives as
 * long as the supervisor and survives any exception a task throws. Plugin runner JVMs have a second guard of their
 * own: they exit on stdin EOF, which the kernel delivers when the host dies (the plugin runner's job).
 *
 * <p>Leftovers: before starting a child, a pid file left by an earlier host is checked; if its process still runs
 * (same pid and same start time) it is stopped (SIGTERM, then SIGKILL) so the child is never running twice.
 */
final class Launcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final long LEFTOVER_WAIT_MS = 2000;

    /** A started process; {@code leftover} says what was found from an earlier host, or is null. */
    record Launched(Process process, CompletableFuture<Void> outputDone, String leftover) {}

    private static final Runnable END = () -> {};

    private final Path runDir;
    private final boolean setpriv;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService stdinPool;
    private volatile boolean closed;

    Launcher(Path runDir) {
        this.runDir = runDir;
        this.setpriv = Files.isExecutable(SETPRIV);
        this.thread = new Thread(this::loop, "warden-launcher");
        thread.setDaemon(true);
        thread.start();
        this.stdinPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "warden-stdin", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code spec}'s process on the launcher thread, its pid file named by {@code runKey} (one per generation of
     * the child id); {@code pumps} then starts its output readers and returns
     * a future that completes when both streams have ended. The result completes on the launcher thread.
     */
    CompletableFuture<Launched> spawn(ChildSpec spec, String runKey, Function<Process, CompletableFuture<Void>> pumps) {
        CompletableFuture<Launched> result = new CompletableFuture<>();
        submit(() -> {
            try {
                String leftover = stopLeftover(runKey);
                List<String> command = command(spec.command());
                ProcessBuilder pb = new ProcessBuilder(command);
                if (spec.workingDir() != null) {
                    pb.directory(spec.workingDir().toFile());
                }
                pb.environment().putAll(spec.env());
                Process process = pb.start();
                // Answer first: the pid file and the reader threads are not needed for the child to count as started,
                // and every millisecond here is downtime on a restart. Both are done before the next task.
                CompletableFuture<Void> outputDone = new CompletableFuture<>();
                result.complete(new Launched(process, outputDone, leftover));
                pumps.apply(process).whenComplete((v, e) -> outputDone.complete(null));
                PidFile.write(pidFile(runKey), process.toHandle(), spec.command());
            } catch (Throwable e) {
                if (!result.completeExceptionally(e)) {
                    LOG.error("child {} started, but its pid file or output readers failed", spec.id(), e);
                }
            }
        });
        return result;
    }

    /** Deletes a run key's pid file, in order with later spawns of the same key. Ignored once closed. */
    void forget(String runKey) {
        if (!closed) {
            tasks.add(() -> PidFile.delete(pidFile(runKey)));
        }
    }

    /** Where stdin writes block, instead of on the event loop. */
    ExecutorService stdinPool() {
        return stdinPool;
    }

    List<String> command(List<String> command) {
        if (!setpriv) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Runs what is queued (pid files of children that just exited), then ends the thread. */
    @Override
    public void close() {
        closed = true;
        tasks.add(END);
        stdinPool.shutdown();
    }

    private void submit(Runnable task) {
        if (closed) {
            throw new IllegalStateException("supervisor is closed");
        }
        tasks.add(task);
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == END) {
                return;
            }
            try {
                task.run();
            } catch (Throwable e) {
                // Never let the thread die: the children it started would get their death signal.
                LOG.error("launcher task failed", e);
            }
        }
    }

    private Path pidFile(String id) {
        return runDir.resolve(id + ".pid");
    }

    private String stopLeftover(String id) throws IOException, InterruptedException {
        Path file = pidFile(id);
        if (!Files.exists(file)) {
            return null;
        }
        PidFile.Entry entry = PidFile.read(file).orElse(null);
        if (entry == null || !PidFile.isLive(entry)) {
            PidFile.delete(file);
            return null;
        }
        LOG.warn("child {}: pid {} from an earlier host is still running ({}); stopping it", id, entry.pid(), entry);
        ProcessHandle handle = ProcessHandle.of(entry.pid()).orElseThrow();
        handle.destroy();
        if (!awaitGone(entry.pid())) {
            handle.destroyForcibly();
            if (!awaitGone(entry.pid())) {
                throw new IOException("leftover pid " + entry.pid() + " from an earlier host cannot be stopped");
            }
        }
        PidFile.delete(file);
        return "stopped leftover pid " + entry.pid() + " from an earlier host";
    }

    /** Waits for a process that is not our child: the JDK has no exit notification for those that does not poll. */
    private static boolean awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + LEFTOVER_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (PidFile.gone(pid)) {
                return true;
            }
            Thread.sleep(10);
        }
        return PidFile.gone(pid);
    }
}
