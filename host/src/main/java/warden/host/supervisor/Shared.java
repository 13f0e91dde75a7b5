package warden.host.supervisor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/** What every {@link Child} of one supervisor uses: created by {@link Supervisor}, read on the host context. */
record Shared(
        Vertx vertx,
        Context context,
        Clock clock,
        Launcher launcher,
        CrashStore crashes,
        ControlLog controls,
        Supervisor.Options options,
        LongSupplier startSequence) {

    /** A one-shot timer; at least 1ms, since Vert.x refuses a zero delay. Set on the host context, fires there. */
    long timer(Duration d, Runnable action) {
        return vertx.setTimer(Math.max(1, d.toMillis()), id -> action.run());
    }

    /** Cancels a timer from {@link #timer}; -1 (none set) is ignored. */
    void cancelTimer(long id) {
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }
}
