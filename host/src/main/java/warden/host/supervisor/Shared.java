package warden.host.supervisor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
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
        LongSupplier startSequence) {}
