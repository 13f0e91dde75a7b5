package warden.host.metrics;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import warden.host.config.MetricsConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/** A MetricsService over a temp database, a hand-moved clock, and children whose status the test sets. */
final class Harness implements AutoCloseable {

    /** Sampling off: ticks are driven by the test; capacity is history / 5 s + 1. */
    static final MetricsConfig CONFIG = MetricsConfig.sampling(Duration.ZERO, Duration.ofMinutes(10));

    final Vertx vertx;
    final Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    final List<ChildStatus> children = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();
    Database db;
    MetricsService metrics;

    Harness(Vertx vertx, Path dir) throws SQLException {
        this.vertx = vertx;
        this.dir = dir;
        this.db = Database.open(dir);
    }

    MetricsService create(MetricsConfig config) {
        metrics = new MetricsService(vertx, config, db, clock, () -> List.copyOf(children));
        return metrics;
    }

    MetricsService create(MetricsConfig config, Sampler sampler) {
        metrics = new MetricsService(vertx, config, db, clock, () -> List.copyOf(children), sampler);
        return metrics;
    }

    /** Runs {@code work} on the service's context, as the host would. */
    <T> Future<T> on(Supplier<Future<T>> work) {
        Promise<T> p = Promise.promise();
        metrics.context().runOnContext(v -> work.get().onComplete(p));
        return p.future();
    }

    /** {@code n} ticks, the clock moved one second before each. */
    Future<Void> ticks(int n) {
        Future<Void> f = Future.succeededFuture();
        for (int i = 0; i < n; i++) {
            f = f.compose(v -> {
                clock.advance(Duration.ofSeconds(1));
                return on(metrics::tick);
            });
        }
        return f;
    }

    Process spawn(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Sets the status the supervisor would report for {@code id}. */
    void running(String id, Process p, int restarts) {
        set(new ChildStatus(
                id,
                ChildKind.SERVICE,
                ChildState.RUNNING,
                clock.instant(),
                "test",
                p.pid(),
                clock.instant().minusSeconds(5),
                "1.0",
                0,
                restarts,
                restarts,
                null));
    }

    void stopped(String id) {
        set(new ChildStatus(
                id, ChildKind.SERVICE, ChildState.STOPPED, clock.instant(), "test", 0, null, null, 0, 0, 0, 0));
    }

    private void set(ChildStatus status) {
        children.removeIf(c -> c.id().equals(status.id()));
        children.add(status);
    }

    @Override
    public void close() {
        // Descendants first: a wrapper's busy grandchild would otherwise outlive the test and eat a core.
        processes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        db.close();
    }
}
