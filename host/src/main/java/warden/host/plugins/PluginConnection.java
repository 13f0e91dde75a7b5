package warden.host.plugins;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.PluginsConfig;
import warden.host.supervisor.ChildAttachment;
import warden.host.supervisor.ChildChannel;
import warden.protocol.PluginFrame;

/**
 * The host's end of the wire protocol for one run of one plugin child (plugin-api/PROTOCOL.md). {@link Frames} checks
 * the shape of every frame, {@link FrameBudget} its rate; this checks the order (hello first, once; results only for
 * events in flight) and the clocks: a ready child silent for three heartbeat intervals is killed as unresponsive, an
 * event unanswered within {@code commandTimeout} fails with an error, and {@code timeoutsBeforeRestart} of those in a
 * row kill the child too. Every breach ends in {@link ChildChannel#fail} with a reason, never in an exception.
 *
 * <p>Created per run by the supervisor through {@code ChildSpec.attachment()}; confined to the host context.
 */
final class PluginConnection implements ChildAttachment {

    private static final Logger LOG = LoggerFactory.getLogger(PluginConnection.class);
    static final int MISSED_HEARTBEATS = 3;
    /**
     * Unanswered event bytes allowed per child. The supervisor buffers at most 64 KiB for a child's stdin and drops
     * what does not fit; staying under half of it means an event is never lost there. Further events wait in the
     * plugin's queue.
     */
    static final int WINDOW_BYTES = 32 * 1024;
    /** Seqs of timed-out events remembered, so that their late results are ignored rather than taken for breaches. */
    private static final int LATE_SEQS = 1024;

    /** The clocks of one connection, from {@code plugins.*} in the config. */
    record Limits(Duration heartbeat, Duration commandTimeout, int timeoutsBeforeRestart) {

        static Limits of(PluginsConfig c) {
            return new Limits(c.heartbeat(), c.commandTimeout(), c.timeoutsBeforeRestart());
        }
    }

    private final Vertx vertx;
    private final PluginSlot slot;
    private final Limits limits;
    private final int generation;
    private final LongSupplier nanos;
    private final FrameBudget budget;
    // Insertion order is send order, and with one timeout for all, deadline order: the oldest is checked first.
    private final Map<Long, Pending> inFlight = new LinkedHashMap<>();
    private final LinkedHashSet<Long> late = new LinkedHashSet<>();
    private ChildChannel channel;
    private PluginFrame.Hello hello;
    private boolean ready;
    private boolean closed;
    private long lastFrameNanos;
    private long inFlightBytes;
    private int timeoutsInARow;
    private long timer = -1;

    /** {@code generation} tells the runs of two versions apart while both are up during a reload. */
    PluginConnection(Vertx vertx, PluginSlot slot, Limits limits, int generation) {
        this(vertx, slot, limits, generation, System::nanoTime);
    }

    /** {@code nanos}: the clock of heartbeats, timeouts and the frame budget (a test clock in tests). */
    PluginConnection(Vertx vertx, PluginSlot slot, Limits limits, int generation, LongSupplier nanos) {
        this.vertx = vertx;
        this.slot = slot;
        this.limits = limits;
        this.generation = generation;
        this.nanos = nanos;
        this.budget = new FrameBudget(nanos);
    }

    int generation() {
        return generation;
    }

    @Override
    public void started(ChildChannel channel) {
        this.channel = channel;
        this.lastFrameNanos = nanos.getAsLong();
    }

    @Override
    public void stdout(String line) {
        if (closed) {
            return;
        }
        lastFrameNanos = nanos.getAsLong();
        try {
            String flood = budget.take(line.length());
            if (flood != null) {
                throw new Violation(flood);
            }
            handle(Frames.parse(line));
        } catch (Violation v) {
            fail("protocol violation: " + v.getMessage());
        } catch (RuntimeException e) {
            // A gap in Frames (the fuzzer looks for these): the child still goes, with a reason, and the host stays.
            LOG.error("plugin {}: frame not handled: {}", slot.id(), Frames.abbreviate(line), e);
            fail("protocol violation: unreadable frame (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void exited(int exitCode) {
        closed = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        List<Pending> lost = new ArrayList<>(inFlight.values());
        inFlight.clear();
        slot.exited(this, lost, exitCode);
    }

    boolean isReady() {
        return ready && !closed;
    }

    /** Sends an event; its result settles {@code p.promise}. Only for a ready connection. */
    void send(Pending p) {
        inFlight.put(p.seq, p);
        inFlightBytes += p.bytes;
        p.sentNanos = nanos.getAsLong();
        budget.sent(p.encoded.length());
        channel.write(p.encoded);
    }

    /** True when {@code bytes} more fit in the window; an idle child takes any event that fits the supervisor. */
    boolean canTake(int bytes) {
        return inFlightBytes + bytes <= WINDOW_BYTES || inFlight.isEmpty();
    }

    int inFlight() {
        return inFlight.size();
    }

    /**
     * The periodic check, on a timer from ready on (package-private so tests with a test clock can run it): the
     * heartbeat, then each event past its deadline.
     */
    void check() {
        if (closed) {
            return;
        }
        long now = nanos.getAsLong();
        long silentMillis = (now - lastFrameNanos) / 1_000_000;
        if (silentMillis > MISSED_HEARTBEATS * Math.max(1, limits.heartbeat().toMillis())) {
            fail("unresponsive: no heartbeat for " + silentMillis + " ms");
            return;
        }
        long timeout = limits.commandTimeout().toNanos();
        for (Iterator<Pending> it = inFlight.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.sentNanos < timeout) {
                break;
            }
            it.remove();
            inFlightBytes -= p.bytes;
            late.add(p.seq);
            if (late.size() > LATE_SEQS) {
                late.remove(late.iterator().next());
            }
            timeoutsInARow++;
            slot.timedOut(p, limits.commandTimeout());
            if (timeoutsInARow >= limits.timeoutsBeforeRestart()) {
                fail("unresponsive: " + timeoutsInARow + " events in a row unanswered within "
                        + limits.commandTimeout().toMillis() + " ms");
                return;
            }
        }
    }

    private void fail(String reason) {
        closed = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        channel.fail(reason);
    }

    private void handle(PluginFrame frame) throws Violation {
        if (frame == null) {
            return;
        }
        if (hello == null && !(frame instanceof PluginFrame.Hello)) {
            throw new Violation("expected hello first, got '" + typeOf(frame) + "'");
        }
        if (frame instanceof PluginFrame.Hello h) {
            onHello(h);
        } else if (frame instanceof PluginFrame.Ready) {
            onReady();
        } else if (frame instanceof PluginFrame.Result r) {
            onResult(r);
        } else if (frame instanceof PluginFrame.Counters c) {
            slot.custom(c.values());
        } // heartbeat and goodbye: a sign of life, already noted
    }

    private void onHello(PluginFrame.Hello h) throws Violation {
        if (hello != null) {
            throw new Violation("second hello");
        }
        if (!slot.id().equals(h.id())) {
            throw new Violation("hello says id " + Frames.abbreviate(h.id()) + " but this child runs " + slot.id());
        }
        hello = h;
    }

    private void onReady() throws Violation {
        if (ready) {
            throw new Violation("second ready");
        }
        ready = true;
        channel.ready(hello.version().isEmpty() ? null : hello.version());
        long heartbeatMillis = Math.max(1, limits.heartbeat().toMillis());
        long period =
                Math.max(10, Math.min(heartbeatMillis, limits.commandTimeout().toMillis() / 4));
        timer = vertx.setPeriodic(period, id -> check());
        slot.ready(this, hello);
    }

    private void onResult(PluginFrame.Result r) throws Violation {
        Pending p = inFlight.remove(r.seq());
        if (p == null) {
            if (late.remove(r.seq())) {
                LOG.info("plugin {}: result for event {} came after its timeout; ignored", slot.id(), r.seq());
                return;
            }
            throw new Violation("result for seq " + r.seq() + ", which is not in flight (wrong or duplicate)");
        }
        inFlightBytes -= p.bytes;
        timeoutsInARow = 0;
        slot.result(p, new Pending.Outcome(r.replies(), r.broadcasts(), r.error()), nanos.getAsLong() - p.sentNanos);
    }

    private static String typeOf(PluginFrame frame) {
        String name = frame.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
