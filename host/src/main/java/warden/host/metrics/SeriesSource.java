package warden.host.metrics;

import java.util.Map;

/**
 * Values that another capability adds to a child's sample at each tick: the router's event counters, the game
 * server's player count. Called on the host context; must not block.
 */
@FunctionalInterface
public interface SeriesSource {

    /** Extra series for {@code childId} at this tick, e.g. {@code {"events.delivered": 12.0}}; empty when none. */
    Map<String, Double> read(String childId);
}
