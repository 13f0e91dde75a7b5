package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.fixtures.Console;
import warden.host.fixtures.ExitAfter;
import warden.host.fixtures.Fixtures;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SupervisorStopTest {

    @TempDir
    Path dataDir;

    private TestHost host;

    @AfterEach
    void closeHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private static RestartSpec policy(RestartSpec.Policy policy) {
        return new RestartSpec(
                policy,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                5,
                Duration.ofMinutes(1));
    }

    private static ChildSpec spec(
            String id, List<String> command, Readiness ready, StopSpec stop, RestartSpec restart) {
        return new ChildSpec(id, ChildKind.SERVICE, command, null, Map.of(), ready, stop, restart, null);
    }

    private static void noCrashes(Vertx vertx, VertxTestContext ctx) {
        vertx.eventBus()
                .<JsonObject>consumer(Addresses.CHILD_CRASH, msg -> ctx.failNow("planned stop recorded as crash"));
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAndItIsStillNoCrash(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        noCrashes(vertx, ctx);
        Transitions seen = new Transitions(vertx, "stubborn");
        ChildSpec stubborn = spec(
                "stubborn",
                List.of("sh", "-c", "trap '' TERM; echo up; exec sleep 100000"),
                Readiness.pattern("up"),
                new StopSpec(null, Duration.ofMillis(300)),
                policy(RestartSpec.Policy.ALWAYS));

        host.start(stubborn)
                .compose(v -> seen.first(2))
                .compose(v -> host.on(s -> s.stop("stubborn")))
                .compose(v -> seen.first(4))
                .onComplete(ctx.succeeding(states -> ctx.verify(() -> {
                    assertEquals(List.of("STARTING", "RUNNING", "STOPPING", "STOPPED(137)"), states);
                    assertEquals("stop requested", seen.event(2).getString("reason"));
                    assertEquals(
                            "stopped on request, exit code 137 (likely SIGKILL)",
                            seen.event(3).getString("reason"));
                    ctx.completeNow();
                })));
    }

    /** SIGTERM must leave the pipes open: a child that logs while shutting down exits cleanly, its lines kept. */
    @Test
    void aChildThatLogsWhileStoppingKeepsItsOutput(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        noCrashes(vertx, ctx);
        Transitions seen = new Transitions(vertx, "polite");
        ChildSpec polite = spec(
                "polite",
                List.of(
                        "sh",
                        "-c",
                        "trap 'echo saving; echo saved >&2; exit 0' TERM; echo up; while :; do sleep 0.05; done"),
                Readiness.pattern("up"),
                new StopSpec(null, Duration.ofSeconds(20)),
                policy(RestartSpec.Policy.ALWAYS));

        host.start(polite)
                .compose(v -> seen.first(2))
                .compose(v -> host.on(s -> s.stop("polite")))
                .compose(v -> seen.first(4))
                .compose(states -> host.on(s -> Future.succeededFuture(s.tail("polite", 10))))
                .onComplete(ctx.succeeding(tail -> ctx.verify(() -> {
                    assertEquals(
                            List.of("STARTING", "RUNNING", "STOPPING", "STOPPED(0)"),
                            seen.first(4).result());
                    // Two pipes: the order between stdout and stderr lines is not defined. The SIGTERM reaches the
                    // whole tree, so the shell also reports its foreground sleep "Terminated".
                    List<String> lines = tail.stream()
                            .map(OutputLine::text)
                            .filter(l -> !l.equals("Terminated"))
                            .toList();
                    assertEquals(3, lines.size(), lines.toString());
                    assertEquals(java.util.Set.of("up", "saving", "saved"), java.util.Set.copyOf(lines));
                    ctx.completeNow();
                })));
    }

    @Test
    void theStdinStopCommandComesFirst(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        noCrashes(vertx, ctx);
        Transitions seen = new Transitions(vertx, "console");
        ChildSpec console = spec(
                "console",
                Fixtures.java(Console.class),
                Readiness.pattern("hello"),
                new StopSpec("/stop", Duration.ofSeconds(20)),
                policy(RestartSpec.Policy.ALWAYS));

        host.start(console)
                .compose(v -> seen.first(2))
                .compose(v -> host.on(s -> {
                    s.send("console", "ping");
                    return s.stop("console");
                }))
                .compose(v -> seen.first(4))
                .compose(states -> host.on(s -> Future.succeededFuture(s.tail("console", 10))))
                .onComplete(ctx.succeeding(tail -> ctx.verify(() -> {
                    assertEquals(
                            List.of("STARTING", "RUNNING", "STOPPING", "STOPPED(0)"),
                            seen.first(4).result());
                    List<String> lines = new ArrayList<>();
                    tail.forEach(l -> lines.add(l.stream() + " " + l.text()));
                    assertEquals(List.of("err hello from stderr", "out echo:ping", "out bye"), lines);
                    ctx.completeNow();
                })));
    }

    @Test
    void anExitZeroStaysStoppedUnderOnFailure(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        noCrashes(vertx, ctx);
        Transitions seen = new Transitions(vertx, "done");
        ChildSpec done = spec(
                "done",
                Fixtures.java(ExitAfter.class, "100", "0"),
                Readiness.pattern("^up$"),
                null,
                policy(RestartSpec.Policy.ON_FAILURE));

        host.start(done)
                .compose(v -> seen.first(3))
                .onComplete(ctx.succeeding(states -> ctx.verify(() -> {
                    assertEquals(List.of("STARTING", "RUNNING", "STOPPED(0)"), states);
                    assertEquals(
                            "exited on its own with exit code 0 (policy on-failure)",
                            seen.event(2).getString("reason"));
                    ctx.completeNow();
                })));
    }

    @Test
    void anExitZeroIsRestartedUnderAlways(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "again");
        ChildSpec again = spec(
                "again",
                Fixtures.java(ExitAfter.class, "100", "0"),
                Readiness.pattern("^up$"),
                null,
                policy(RestartSpec.Policy.ALWAYS));

        host.start(again)
                .compose(v -> seen.first(6))
                .onComplete(ctx.succeeding(states -> ctx.verify(() -> {
                    assertEquals(
                            List.of("STARTING", "RUNNING", "CRASHED(0)", "BACKOFF", "STARTING", "RUNNING"), states);
                    assertTrue(seen.event(2)
                            .getString("reason")
                            .startsWith("exit code 0, exited with code 0 (policy always)"));
                    ctx.completeNow();
                })));
    }

    @Test
    void stopAllBeginsInReverseStartOrder(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        noCrashes(vertx, ctx);
        List<String> order = new ArrayList<>();
        int[] running = {0};
        int[] stopped = {0};
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> {
            String state = msg.body().getString("state");
            if (state.equals("RUNNING") && ++running[0] == 3) {
                host.on(Supervisor::stopAll).onComplete(ctx.succeeding(v -> {}));
            } else if (state.equals("STOPPING")) {
                order.add(msg.body().getString("id"));
            } else if (state.equals("STOPPED") && ++stopped[0] == 3) {
                ctx.verify(() -> assertEquals(List.of("c", "b", "a"), order));
                ctx.completeNow();
            }
        });
        Readiness settle = Readiness.settle(Duration.ofMillis(50));
        host.start(
                spec("a", List.of("sleep", "100000"), settle, null, null),
                spec("b", List.of("sleep", "100000"), settle, null, null),
                spec("c", List.of("sleep", "100000"), settle, null, null));
    }
}
