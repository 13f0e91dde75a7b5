package warden.host.supervisor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals whole process trees ({@link ProcessTree}) on its own thread: finding a tree reads /proc, which must not
 * happen on the event loop, and must not hold up the launcher's spawns either.
 *
 * <p>A stop sends SIGTERM to every process of the run (what a terminal's Ctrl-C does to a foreground job), so a
 * wrapper script and the server it started both hear it; the kill after the stop timeout sends SIGKILL to all of
 * them; and once the leader has exited, {@link #sweep} SIGKILLs whatever is left, so no descendant outlives its run.
 * With the host as subreaper ({@link Adopted}) a sweep that can have nothing to find answers at once, on the thread
 * that saw the exit; the reaper also waits for adopted processes that exited, after each sweep and every 5 minutes.
 *
 * <p>Owned by the {@link Launcher}; callable from any thread.
 */
final class Reaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    /**
     * How often adopted processes that exited on their own are waited for, between sweeps: rarely, as a zombie holds
     * no more than its pid, and an idle host should not wake for it (every 30 s cost 84 µs/s in bench/idle).
     */
    private static final long REAP_SECONDS = 300;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(null, r, "warden-reaper", 256 * 1024);
        t.setDaemon(true);
        return t;
    });
    private final Adopted adopted;

    Reaper(Adopted adopted) {
        this.adopted = adopted;
        if (adopted.on()) {
            thread.scheduleWithFixedDelay(this::reapAdopted, REAP_SECONDS, REAP_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM to every process of the run. */
    void terminate(ProcessTree.Root root) {
        run(() -> ProcessTree.signal(ProcessTree.members(root), false));
    }

    /** SIGKILL to every process of the run. */
    void kill(ProcessTree.Root root) {
        run(() -> ProcessTree.signal(ProcessTree.members(root), true));
    }

    /** After the leader's exit: SIGKILLs the rest of the run until none is left; completes with how many there were. */
    CompletableFuture<Integer> sweep(ProcessTree.Root root) {
        if (adopted.none()) {
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        run(() -> {
            int killed = ProcessTree.killAll(() -> ProcessTree.members(root));
            adopted.reap();
            if (killed > 0) {
                LOG.info("child {}: killed {} process(es) its run left behind", root.runKey(), killed);
            }
            done.complete(killed);
        });
        if (thread.isShutdown()) {
            done.complete(0);
        }
        return done;
    }

    /** Caught here: an exception would silently cancel the periodic task's later runs. */
    private void reapAdopted() {
        try {
            adopted.reap();
        } catch (RuntimeException e) {
            LOG.error("waiting for adopted processes failed", e);
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("signalling a process tree failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: the supervisor is gone, and its children with it.
        }
    }

    /** Lets queued work finish (a last sweep), then ends the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
