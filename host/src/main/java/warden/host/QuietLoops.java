package warden.host;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.TimeUnit;

/**
 * Lets the host's idle event loops sleep until they have work. Netty 4.2 wakes an event loop with nothing scheduled
 * once a second (its select waits at most {@code SCHEDULE_PURGE_INTERVAL}, 1 s, when the task queue is empty, and the
 * constant cannot be set), so every event loop and the acceptor cost a wake-up a second even while the host has
 * nothing to do; issue 16 wants none faster than the metrics interval. A task scheduled a day ahead on each loop makes
 * its select wait for the next real task or I/O instead.
 *
 * <p>Reaches Netty's groups through {@link VertxInternal}: Vert.x's public API has no other way to the acceptor loop.
 * Each loop is started by this (Netty starts them lazily), which fixes the host's thread count from the start.
 */
final class QuietLoops {

    private static final long DAY_HOURS = 24;

    private QuietLoops() {}

    static void apply(Vertx vertx) {
        if (!(vertx instanceof VertxInternal internal)) {
            return;
        }
        quiet(internal.eventLoopGroup());
        quiet(internal.acceptorEventLoopGroup());
    }

    private static void quiet(EventLoopGroup group) {
        for (EventExecutor loop : group) {
            // Re-armed each day; a no-op otherwise. Its deadline is what the loop's select now waits for.
            loop.scheduleAtFixedRate(() -> {}, DAY_HOURS, DAY_HOURS, TimeUnit.HOURS);
        }
    }
}
