package warden.host.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import warden.host.config.MetricsConfig;
import warden.host.fixtures.OnContext;
import warden.host.fixtures.TestClock;
import warden.host.metrics.MetricsService;
import warden.host.supervisor.Supervisor;

/**
 * The old data dir ({@link OldLayout}) opened by this build as the host opens it: the database (which migrates it),
 * then the supervisor and the metrics on the host context. The clock starts three hours after the first old tick.
 */
final class UpgradedHost implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final TestClock clock = new TestClock(Instant.ofEpochMilli(OldLayout.T0).plus(Duration.ofHours(3)));
    final Path dir;
    final Database db;
    final Context context;
    Supervisor supervisor;
    final MetricsService metrics;

    UpgradedHost(Path dir) throws Exception {
        this.dir = dir;
        OldLayout.restore(dir);
        db = Database.open(dir);
        context = vertx.getOrCreateContext();
        MetricsConfig config = new MetricsConfig(Duration.ZERO, Duration.ofMinutes(10));
        metrics = OnContext.get(context, () -> {
            supervisor = new Supervisor(vertx, db, dir, clock);
            MetricsService m = new MetricsService(vertx, config, db, clock, supervisor::children);
            return m.start().map(m);
        });
    }

    /** Runs {@code work} on the host context and waits for its result. */
    <T> T get(Supplier<Future<T>> work) throws Exception {
        return OnContext.get(context, work);
    }

    /** {@code PRAGMA user_version} of {@code dir}'s database, read on a connection of its own. */
    static int userVersion(Path dir) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
                var s = c.createStatement();
                var r = s.executeQuery("PRAGMA user_version")) {
            return r.getInt(1);
        }
    }

    @Override
    public void close() throws Exception {
        OnContext.closeAndWait(context, supervisor::close);
        db.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
