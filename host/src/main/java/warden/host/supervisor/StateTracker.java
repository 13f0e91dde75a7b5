package warden.host.supervisor;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;

/**
 * Where one child is in its life ({@link ChildState}), since when and why, and the one way to change it: every
 * transition is logged and published on {@code Addresses.CHILD_STATE}. The child, its readiness watch and its restarter
 * all move the state, so they share this object to publish the same way and in the order they act.
 *
 * <p>Owned by its {@link Child}, on the host context.
 */
final class StateTracker {

    /** Under the child's name: an operator follows one child's life in the log under one logger. */
    private static final Logger LOG = LoggerFactory.getLogger(Child.class);

    private final ChildSpec spec;
    private final Shared shared;
    private final LongSupplier pid;

    private ChildState state = ChildState.STOPPED;
    private Instant since;
    private String reason = "not started yet";
    /** False for a generation that does not serve its child id (on trial beside it, or retired): nobody follows it. */
    private boolean published = true;
    /** Told every transition after it happened; the supervisor follows a generation on trial with it. */
    private Consumer<ChildState> listener = s -> {};

    /** {@code pid} gives the process a transition is about, 0 when there is none. */
    StateTracker(ChildSpec spec, Shared shared, LongSupplier pid) {
        this.spec = spec;
        this.shared = shared;
        this.pid = pid;
        this.since = shared.clock().instant();
    }

    ChildState current() {
        return state;
    }

    boolean is(ChildState s) {
        return state == s;
    }

    Instant since() {
        return since;
    }

    String reason() {
        return reason;
    }

    /** Moves along an arrow of the {@link ChildState} diagram; any other move is a supervisor bug, refused here. */
    void to(ChildState next, String why, Integer exitCode) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException(spec.id() + ": " + state + " -> " + next + " is not a transition (" + why
                    + "); from " + state + " only " + state.next());
        }
        ChildState previous = state;
        state = next;
        since = shared.clock().instant();
        reason = why;
        JsonObject event = Events.state(spec, previous, next, why, since, pid.getAsLong(), exitCode);
        LOG.info("child {}: {} -> {} ({})", spec.id(), previous, next, why);
        if (published) {
            shared.vertx().eventBus().publish(Addresses.CHILD_STATE, event);
        }
        listener.accept(next);
    }

    /** Whether this generation's transitions go on the bus; see {@link Generations}. */
    void published(boolean on) {
        published = on;
    }

    void listen(Consumer<ChildState> listener) {
        this.listener = listener;
    }

    /**
     * Publishes the current state again with a new reason, without a transition: a new generation took over a child
     * that was RUNNING and still is, but its pid, version and since changed.
     */
    void announce(String why) {
        reason = why;
        JsonObject event = Events.state(spec, state, state, why, since, pid.getAsLong(), null);
        LOG.info("child {}: {} ({})", spec.id(), state, why);
        shared.vertx().eventBus().publish(Addresses.CHILD_STATE, event);
    }
}
