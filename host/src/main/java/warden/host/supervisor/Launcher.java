package warden.host.supervisor;

import java.nio.file.Files;
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

/**
 * Starts child processes, all from ONE long-lived thread, and keeps their pid files.
 *
 * <p>Why one thread: Linux delivers a child's parent-death signal when the <em>thread</em> that forked it exits, not
 * only when the host process dies (spike.md §5). Every child is started as {@code setpriv --pdeathsig KILL -- setsid
 * cmd} when util-linux has both, so it is SIGKILLed within milliseconds if the host is SIGKILLed; spawned from a pool
 * thread that later retires, it would be killed while the host is still alive. This thread therefore lives as long as
 * the supervisor and survives any exception a task throws. Plugin runner JVMs have a second guard of their own: they
 * exit on stdin EOF, which the kernel delivers when the host dies (the plugin runner's job).
 *
 * <p>{@code setsid} makes each child the leader of its own session and process group: a Ctrl-C or a signal to the
 * host's process group reaches the host alone, which then stops its children in order, and the child's whole tree can
 * be found and signalled ({@link ProcessTree}, {@link Reaper}). Every child's environment is marked with the data dir
 * and its id, so descendants that leave the session are found too. The {@link Keeper} kills the trees if the host dies.
 *
 * <p>Leftovers: the first task, before any spawn, stops whatever an earlier host on this data dir left ({@link
 * Leftovers}), so a child is never running twice.
 */
final class Launcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    /** A started process; {@code leftover} says what was found from an earlier host, or is null. */
    record Launched(Process process, CompletableFuture<Void> outputDone, String leftover, ProcessTree.Root root) {}

    private static final Runnable END = () -> {};

    static {
        // vfork instead of the JDK 12+ default posix_spawn through jspawnhelper: one exec less per start, so start()
        // takes about 0.15 ms instead of 1.1 ms here, and a restart is that much sooner. It was the JDK's own default
        // on
        // Linux up to 11 and is supported on 17; later JDKs deprecate it, so they keep their default, as does a host
        // started with the property set. Read when ProcessImpl is first used, which is after this.
        if (Runtime.version().feature() < 21 && System.getProperty(LAUNCH_MECHANISM) == null) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    private final Path runDir;
    private final String hostDir;
    private final boolean setpriv;
    private final boolean setsid;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService stdinPool;
    private final Reaper reaper = new Reaper();
    private final OutputPoller output = new OutputPoller();
    private volatile Keeper keeper;
    private Map<String, String> leftovers = Map.of();
    private volatile boolean closed;

    /** {@code dataDir}: where {@code run/} is, and what marks this host's children. */
    Launcher(Path dataDir) {
        this.runDir = dataDir.resolve("run");
        this.hostDir = dataDir.toAbsolutePath().normalize().toString();
        this.setpriv = Files.isExecutable(SETPRIV);
        this.setsid = Files.isExecutable(SETSID);
        this.thread = new Thread(this::loop, "warden-launcher");
        thread.setDaemon(true);
        tasks.add(() -> {
            leftovers = new HashMap<>(Leftovers.stop(runDir, hostDir));
            keeper = Keeper.start(hostDir, runDir);
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
        CompletableFuture<Launched> result = new CompletableFuture<>();
        submit(() -> {
            try (ChildPipes pipes = new ChildPipes()) {
                String leftover = leftovers.remove(runKey);
                ProcessBuilder pb = new ProcessBuilder(command(spec.command()));
                if (spec.workingDir() != null) {
                    pb.directory(spec.workingDir().toFile());
                }
                pb.environment().putAll(spec.env());
                pb.environment().put(ProcessTree.HOST_VAR, hostDir);
                pb.environment().putAll(ProcessTree.marker(runKey));
                pipes.redirect(pb); // non-blocking pipes of our own, so that one thread reads every child
                Process process;
                try {
                    process = pb.start();
                } finally {
                    pipes.closeChildEnds();
                }
                // The start time before anything else: the tree of this run is what started at or after it.
                long ticks = ProcessTree.startTicks(process.pid());
                ProcessTree.Root root = new ProcessTree.Root(process.pid(), Math.max(0, ticks), runKey, hostDir);
                // Answer first: the pid file and the reader threads are not needed for the child to count as started,
                // and every millisecond here is downtime on a restart. Both are done before the next task.
                CompletableFuture<Void> outputDone = CompletableFuture.allOf(out.done(), err.done());
                result.complete(new Launched(process, outputDone, leftover, root));
                pipes.watch(output, out, err);
                long group = setsid ? process.pid() : 0;
                PidFile.write(
                        pidFile(runKey),
                        new PidFile.Entry(
                                process.pid(), root.startTicks(), group, group, PidFile.describe(spec.command())));
            } catch (Throwable e) {
                if (!result.completeExceptionally(e)) {
                    LOG.error("child {} started, but its pid file or output readers failed", spec.id(), e);
                }
            }
        });
        return result;
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

    List<String> command(List<String> command) {
        if (!setpriv) {
            if (!setsid) {
                return command;
            }
            List<String> wrapped = new ArrayList<>(List.of(SETSID.toString()));
            wrapped.addAll(command);
            return wrapped;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        if (setsid) {
            wrapped.add(SETSID.toString()); // after setpriv: the death signal survives the exec into setsid
        }
        wrapped.addAll(command);
        return wrapped;
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
}
