package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StateTracker#to} moves along the arrows {@link ChildState} draws, and refuses every other move. */
class StateTrackerTest {

    /** The diagram on {@link ChildState}, arrow by arrow, written out again so a changed table must be meant. */
    private static final Map<ChildState, List<ChildState>> DRAWN = new EnumMap<>(Map.of(
            ChildState.STOPPED, List.of(ChildState.STARTING, ChildState.CRASHED),
            ChildState.STARTING,
                    List.of(ChildState.RUNNING, ChildState.STOPPING, ChildState.CRASHED, ChildState.STOPPED),
            ChildState.RUNNING, List.of(ChildState.STOPPING, ChildState.CRASHED, ChildState.STOPPED),
            ChildState.STOPPING, List.of(ChildState.STOPPED),
            ChildState.CRASHED,
                    List.of(
                            ChildState.STARTING,
                            ChildState.CRASHED,
                            ChildState.BACKOFF,
                            ChildState.FAILED,
                            ChildState.STOPPED),
            ChildState.BACKOFF, List.of(ChildState.STARTING, ChildState.CRASHED, ChildState.STOPPED),
            ChildState.FAILED, List.of(ChildState.STARTING, ChildState.CRASHED, ChildState.STOPPED)));

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void everyDrawnTransitionIsAllowed() {
        int moves = 0;
        for (var arrows : DRAWN.entrySet()) {
            for (ChildState next : arrows.getValue()) {
                StateTracker tracker = trackerAt(arrows.getKey());
                tracker.to(next, "test", null);
                assertEquals(next, tracker.current(), arrows.getKey() + " -> " + next);
                moves++;
            }
        }
        assertEquals(21, moves);
    }

    @Test
    void theEnumDrawsTheSameArrows() {
        for (ChildState s : ChildState.values()) {
            assertEquals(EnumSet.copyOf(DRAWN.get(s)), s.next(), "from " + s);
        }
    }

    @Test
    void undrawnTransitionsAreRefusedNamingTheAllowedOnes() {
        assertRefused(ChildState.STOPPED, ChildState.RUNNING, "from STOPPED only [STARTING, CRASHED]");
        assertRefused(ChildState.STOPPED, ChildState.STOPPED, "from STOPPED only [STARTING, CRASHED]");
        assertRefused(ChildState.RUNNING, ChildState.STARTING, "from RUNNING only [STOPPED, STOPPING, CRASHED]");
        assertRefused(ChildState.STOPPING, ChildState.RUNNING, "from STOPPING only [STOPPED]");
        assertRefused(ChildState.STOPPING, ChildState.CRASHED, "from STOPPING only [STOPPED]");
        assertRefused(ChildState.FAILED, ChildState.BACKOFF, "from FAILED only [STOPPED, STARTING, CRASHED]");
    }

    private void assertRefused(ChildState from, ChildState to, String allowed) {
        StateTracker tracker = trackerAt(from);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tracker.to(to, "wrong", null));
        assertEquals("t: " + from + " -> " + to + " is not a transition (wrong); " + allowed, e.getMessage());
        assertEquals(from, tracker.current(), "a refused move changes nothing");
    }

    /** A tracker walked along drawn arrows from STOPPED to {@code target}. */
    private StateTracker trackerAt(ChildState target) {
        Shared shared =
                new Shared(vertx, vertx.getOrCreateContext(), Clock.systemUTC(), null, null, null, null, () -> 0);
        StateTracker tracker = new StateTracker(ChildSpec.service("t", List.of("true")), shared, () -> 0);
        for (ChildState step : pathTo(target)) {
            tracker.to(step, "walk", null);
        }
        assertEquals(target, tracker.current());
        return tracker;
    }

    /** The shortest path of drawn arrows from STOPPED to {@code target}, STOPPED itself left out. */
    private static List<ChildState> pathTo(ChildState target) {
        Map<ChildState, ChildState> cameFrom = new EnumMap<>(ChildState.class);
        ArrayDeque<ChildState> queue = new ArrayDeque<>(List.of(ChildState.STOPPED));
        while (!queue.isEmpty()) {
            ChildState s = queue.poll();
            for (ChildState n : DRAWN.get(s)) {
                if (n != ChildState.STOPPED && cameFrom.putIfAbsent(n, s) == null) {
                    queue.add(n);
                }
            }
        }
        List<ChildState> path = new ArrayList<>();
        for (ChildState s = target; s != ChildState.STOPPED; s = cameFrom.get(s)) {
            path.add(0, s);
        }
        return path;
    }
}
