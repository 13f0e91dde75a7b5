package warden.host.supervisor;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.ConfigLoader;

/**
 * Starts child processes, all from ONE long-lived thread, and keeps their pid files.
 *
 * <p>Each child is started by {@link Spawn} as the leader of its own session and process group: a Ctrl-C or a signal
 * to the host's process group reaches the host alone, which then stops its children in order, and the child's whole
 * tree can be found and signalled ({@link ProcessTree}, {@link Reaper}). Every child's environment is marked with the
 * data dir and its id, so descendants that leave the session are found too. The {@link Keeper} kills the trees if the
 * host dies. Its exit is waited for by the output poller, which reads its stdout and stderr as well.
 *
 * <p>Why one thread: spawns, pid files and their deletion stay in order per run key, and {@link Spawn}'s native
 * structures are reused without locks. The thread survives any exception a task throws.
 *
 * <p>Leftovers: the first task, before any spawn, stops whatever an earlier host on this data dir left ({@link
 * Leftovers}), so a child is never running twice.
 */
final class Launcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /**
     * A started process: its stdin, its exit code once it has exited (128 + signal for a signal), and when its output
     * has ended; {@code leftover} says what was found from an earlier host, or is null.
     */
    record Launched(
            long pid,
            OutputStream stdin,
            CompletableFuture<Integer> exit,
            CompletableFuture<Void> outputDone,
            String leftover,
            ProcessTree.Root root) {}

    private static final Runnable END = () -> {};

    private final Path runDir;
    private final String hostDir;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService stdinPool;
    private final Reaper reaper = new Reaper(new Adopted());
    private final OutputPoller output = new OutputPoller();
    private final Spawn spawner = new Spawn();
    private volatile Keeper keeper;
    private Map<String, String> leftovers = Map.of();
    /**
     * Pid files of spawns done, written once no spawn is queued next, and before any other task (a deletion of the
     * same run key among them): a start-up's 100 spawns go first and their files after, which had each spawn wait for
     * a file's write and rename (a quarter of a millisecond), 30 ms of the children's start (issue 16). Meanwhile a
     * host killed has its children found by their environment marks, as for a spawn whose file never got written.
     */
    private final List<Runnable> pidWrites = new ArrayList<>();

    private volatile boolean closed;
    /** Held by every task, and by a spawn on the caller's thread: {@link Spawn}'s structures and the leftovers map. */
    private final Object lock = new Object();
    /** Set once the first task (the leftovers) is done: no spawn may run before it. */
    private volatile boolean ready;

    /** {@code dataDir}: where {@code run/} is, and what marks this host's children. */
    Launcher(Path dataDir) {
        this.runDir = dataDir.resolve("run");
        this.hostDir = dataDir.toAbsolutePath().normalize().toString();
        this.thread = new Thread(this::loop, "warden-launcher");
        thread.setDaemon(true);
        tasks.add(() -> {
            leftovers = new HashMap<>(Leftovers.stop(runDir, hostDir));
            keeper = Keeper.start(hostDir, runDir);
            ready = true;
        });
        thread.start();
        this.stdinPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "warden-stdin", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code spec}'s process on the launcher thread, its pid file named by {@code runKey} (one per generation of
     * the child id); its stdout and stderr go to {@code out} and {@code err}, read by the one output poller. The
     * launched run's {@code outputDone} completes when both streams have ended. The result completes on the launcher
     * thread.
     */
    CompletableFuture<Launched> spawn(ChildSpec spec, String runKey, OutputPump out, OutputPump err) {
        return spawn(spec, runKey, out, err, false);
    }

    /**
     * {@link #spawn(ChildSpec, String, OutputPump, OutputPump)}, on the calling thread when {@code now} and the
     * launcher has nothing queued (its pid file is still written on the launcher thread, in order). For a restart: on
     * an idle host, waking the launcher thread cost about a millisecond of the downtime (a VM's idle vCPU wakes
     * slowly), more than the spawn itself; a start-up's many spawns stay off the caller's thread.
     */
    CompletableFuture<Launched> spawn(ChildSpec spec, String runKey, OutputPump out, OutputPump err, boolean now) {
        CompletableFuture<Launched> result = new CompletableFuture<>();
        if (now && ready && !closed) {
            synchronized (lock) {
                if (tasks.isEmpty()) {
                    launch(spec, runKey, out, err, result, tasks::add);
                    return result;
                }
            }
        }
        submit(new Spawning(() -> launch(spec, runKey, out, err, result, pidWrites::add)));
        return result;
    }

    /** The spawn itself, under {@link #lock}; {@code later} holds or queues the pid file's write. */
    private void launch(
            ChildSpec spec,
            String runKey,
            OutputPump out,
            OutputPump err,
            CompletableFuture<Launched> result,
            java.util.function.Consumer<Runnable> later) {
        try (ChildPipes pipes = new ChildPipes()) {
            String leftover = leftovers.remove(runKey);
            Map<String, String> env = environment(System.getenv(), spec.env(), hostDir, runKey);
            long pid = pipes.spawn(spawner, spec.command(), spec.workingDir(), env);
            CompletableFuture<Integer> exit = output.watchExit((int) pid);
            long ticks = ProcessTree.startTicks(pid);
            ProcessTree.Root root = new ProcessTree.Root(pid, Math.max(0, ticks), runKey, hostDir);
            // Answer first: the pid file and the reader threads are not needed for the child to count as started,
            // and every millisecond here is downtime on a restart. Both are done before the next task.
            CompletableFuture<Void> outputDone = CompletableFuture.allOf(out.done(), err.done());
            result.complete(new Launched(pid, pipes.stdin(), exit, outputDone, leftover, root));
            pipes.watch(output, out, err);
            PidFile.Entry entry = new PidFile.Entry(pid, root.startTicks(), pid, pid, PidFile.describe(spec.command()));
            later.accept(() -> writePidFile(spec.id(), runKey, entry));
        } catch (Throwable e) {
            if (!result.completeExceptionally(e)) {
                LOG.error("child {} started, but its output readers failed", spec.id(), e);
            }
        }
    }

    private void writePidFile(String id, String runKey, PidFile.Entry entry) {
        try {
            PidFile.write(pidFile(runKey), entry);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("child {} started, but its pid file could not be written", id, e);
        }
    }

    /**
     * A child's environment: the host's, without the variables that configure the host ({@link
     * ConfigLoader#ENV}: above all {@code WARDEN_ADMIN_TOKEN}, which would hand every plugin and game server the
     * admin's rights over the API), then the spec's own (which may set any of them again on purpose), then the marks
     * that place it in its run's tree.
     */
    static Map<String, String> environment(
            Map<String, String> inherited, Map<String, String> own, String hostDir, String runKey) {
        Map<String, String> env = new HashMap<>(inherited);
        env.keySet().removeAll(ConfigLoader.ENV.keySet());
        env.putAll(own);
        env.put(ProcessTree.HOST_VAR, hostDir);
        env.putAll(ProcessTree.marker(runKey));
        return env;
    }

    /** Tells the output poller that a queue made room for held protocol lines. */
    void outputRoom() {
        output.wake();
    }

    /** Where whole trees are signalled. */
    Reaper reaper() {
        return reaper;
    }

    /** The keeper's pid, 0 when there is none. */
    long keeperPid() {
        Keeper k = keeper;
        return k == null ? 0 : k.pid();
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

    /** Runs what is queued (pid files of children that just exited), then ends the thread. */
    @Override
    public void close() {
        closed = true;
        tasks.add(END);
        stdinPool.shutdown();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reaper.close();
        output.close();
        if (keeper != null) {
            keeper.close();
        }
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
            try {
                synchronized (lock) {
                    if (!(task instanceof Spawning)) {
                        writePidFiles();
                    }
                    if (task == END) {
                        return;
                    }
                    try {
                        task.run();
                    } finally {
                        if (tasks.isEmpty()) {
                            writePidFiles();
                        }
                    }
                }
            } catch (Throwable e) {
                // Never let the thread die: the children it started would get their death signal.
                LOG.error("launcher task failed", e);
            }
        }
    }

    private void writePidFiles() {
        for (Runnable write : pidWrites) {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.error("a pid file could not be written", e);
            }
        }
        pidWrites.clear();
    }

    /** A spawn task: the pid files of spawns before it may wait until after it. */
    private record Spawning(Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    private Path pidFile(String id) {
        return runDir.resolve(id + ".pid");
    }
}
