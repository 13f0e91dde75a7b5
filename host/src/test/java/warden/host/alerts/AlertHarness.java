package warden.host.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import warden.host.config.AlertsConfig;
import warden.host.config.ConfigLoader;
import warden.host.fixtures.Publish;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.StateChange;

/**
 * An {@link AlertService} on its own context over a real database, configured from YAML the way the host reads it,
 * on a {@link TestClock}. The supervisor is left out: tests publish its events on the bus themselves.
 */
final class AlertHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final Vertx vertx = Vertx.vertx();
    final Context context = vertx.getOrCreateContext();
    final TestClock clock = new TestClock(START);
    final Database db;
    final AlertService alerts;

    AlertHarness(Path dir, String alertsYaml, Map<String, String> env, Supplier<List<ChildStatus>> children)
            throws Exception {
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, "alerts:\n" + alertsYaml.indent(2));
        AlertsConfig config = new ConfigLoader(env, dir).load(file).alerts();
        db = Database.open(dir.resolve("data"));
        alerts = new AlertService(vertx, db, config, clock, children, (id, n) -> List.of("boom"), env);
        on(alerts::start);
    }

    /** Runs {@code work} on the service's context and waits for its future. */
    <T> T on(Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                work.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(ar.result());
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(20, TimeUnit.SECONDS);
    }

    void publish(String address, Record body) throws Exception {
        on(() -> {
            Publish.on(vertx, address, body);
            return Future.succeededFuture();
        });
    }

    /** A state change of service {@code id} as the supervisor publishes it; the rest of it does not matter here. */
    static StateChange state(String id, ChildState state, String reason) {
        return new StateChange(id, ChildKind.SERVICE, state, ChildState.STARTING, reason, Instant.EPOCH, 0, null);
    }

    /** The history, oldest first, once {@code until} holds for it; waits up to 20 s. */
    List<HistoryEntry> historyWhen(Predicate<List<HistoryEntry>> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<HistoryEntry> newestFirst = on(() -> alerts.history(0, 1000));
            List<HistoryEntry> entries = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(entries);
            if (until.test(entries)) {
                return entries;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("history never got there: " + entries);
            }
            Thread.sleep(50); // waiting on a condition with a deadline, not for time to pass
        }
    }

    @Override
    public void close() throws Exception {
        on(alerts::stop);
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        db.close();
    }
}
