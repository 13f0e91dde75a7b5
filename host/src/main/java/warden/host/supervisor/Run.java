package warden.host.supervisor;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a child, from spawn request to handled exit. A child has at most one run at a time; callbacks from
 * an earlier run (a late timer, a late output batch) see that their run is over and do nothing.
 *
 * <p>Owned by its {@link Child}, on the host context. Until the launcher answers, {@code exit} is null.
 */
final class Run {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    final int number;
    OutputQueue output;
    /** Completes with the exit code (128 + signal for a signal) once the process has exited and been reaped. */
    CompletableFuture<Integer> exit;

    long pid;
    /** The leader as the launcher saw it, to find the whole tree. */
    ProcessTree.Root root;

    Reaper reaper;
    Instant startedAt;
    StdinWriter stdin;
    ChildAttachment attachment;
    /** Why the supervisor killed it (not ready in time, protocol violation); null for an exit on its own. */
    String failReason;

    boolean stopRequested;
    boolean over;
    long readyTimer = -1;
    long settleTimer = -1;
    long stopTimer = -1;

    Run(int number) {
        this.number = number;
    }

    /**
     * Creates and starts this run's attachment. One that fails to start fails the run: without its side of the protocol
     * the child cannot be driven. {@code ready} receives the run and the version the child reports.
     */
    void attach(Supplier<ChildAttachment> factory, BiConsumer<Run, String> ready, String childId) {
        try {
            attachment = factory.get();
            attachment.started(new RunChannel(this, ready));
        } catch (RuntimeException e) {
            LOG.error("attachment of {} failed to start", childId, e);
            failReason = "attachment failed: " + e;
            kill();
        }
    }

    /** Tells the attachment, if any, that the process exited; its failure must not keep the exit from being handled. */
    void detach(int code, String childId) {
        if (attachment != null) {
            try {
                attachment.exited(code);
            } catch (RuntimeException e) {
                LOG.error("attachment of {} failed on exit", childId, e);
            }
        }
    }

    /** Graceful stop: the stdin command if there is one, SIGTERM after its timeout, SIGKILL after another. */
    void stop(StopSpec spec, Vertx vertx, String childId) {
        if (spec.command() != null && stdin.write(spec.command())) {
            stopTimer = vertx.setTimer(millis(spec.timeout()), id -> terminate(spec, vertx, childId));
        } else {
            terminate(spec, vertx, childId);
        }
    }

    private void terminate(StopSpec spec, Vertx vertx, String childId) {
        if (over) {
            return;
        }
        // Never Process.destroy(): it also closes our ends of the pipes, so a child that logs while it shuts down dies
        // of SIGPIPE (minetest exits 141 instead of 0) and its last lines are lost. The whole tree hears it, as a
        // foreground job hears Ctrl-C: a wrapper script's server must not be left running when the script goes.
        reaper.terminate(root);
        stopTimer = vertx.setTimer(millis(spec.timeout()), id -> {
            if (!over) {
                LOG.warn("child {} ignored SIGTERM for {}; killing it", childId, spec.timeout());
                kill();
            }
        });
    }

    private static long millis(Duration d) {
        return Math.max(1, d.toMillis());
    }

    /** SIGKILL to the whole tree; the pipes stay open, so what is buffered is still read. */
    void kill() {
        reaper.kill(root);
    }

    boolean hasProcess() {
        return exit != null && !over;
    }
}
