package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.fixtures.ExitAfter;
import warden.host.fixtures.Fixtures;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SupervisorCrashTest {

    @TempDir
    Path dataDir;

    private TestHost host;

    @AfterEach
    void closeHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private static ChildSpec spec(String id, List<String> command, Readiness readiness, RestartSpec restart) {
        return new ChildSpec(id, ChildKind.SERVICE, command, null, Map.of(), readiness, null, restart, null);
    }

    private static RestartSpec restart(
            RestartSpec.Policy policy, long initialMs, long maxMs, long resetAfterMs, int loopCrashes) {
        return new RestartSpec(
                policy,
                Duration.ofMillis(initialMs),
                Duration.ofMillis(maxMs),
                Duration.ofMillis(resetAfterMs),
                loopCrashes,
                Duration.ofMinutes(1));
    }

    @Test
    void aChildThatCrashesAtOnceBacksOffThenFailsAndIsStillRetried(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "boom");
        ChildSpec boom = spec(
                "boom",
                List.of("sh", "-c", "echo going down >&2; exit 3"),
                Readiness.settle(Duration.ofSeconds(5)),
                restart(RestartSpec.Policy.ON_FAILURE, 50, 500, 60_000, 3));

        host.start(boom)
                .compose(v -> seen.first(12))
                .compose(states -> {
                    ctx.verify(() -> assertEquals(
                            List.of(
                                    "STARTING",
                                    "CRASHED(3)",
                                    "BACKOFF",
                                    "STARTING",
                                    "CRASHED(3)",
                                    "BACKOFF",
                                    "STARTING",
                                    "CRASHED(3)",
                                    "FAILED",
                                    "STARTING",
                                    "CRASHED(3)",
                                    "FAILED"),
                            states));
                    ctx.verify(() -> assertEquals(
                            "crash loop: 3 crashes in 1m; retrying every 500ms",
                            seen.event(8).reason()));
                    return host.on(s -> s.crashes("boom", 10));
                })
                .onComplete(ctx.succeeding(records -> ctx.verify(() -> {
                    assertEquals(4, records.size());
                    CrashRecord newest = records.get(0);
                    assertEquals(3, newest.exitCode());
                    assertNull(newest.likelySignal());
                    assertEquals("exited", newest.reason());
                    assertEquals("failed: 4 crashes in 1m; retry in 500ms", newest.decision());
                    assertEquals(3, newest.restartNumber());
                    assertTrue(newest.tail().get(newest.tail().size() - 1).endsWith(" err going down"));
                    assertEquals("restart in 50ms", records.get(3).decision().replaceAll("\\d+ms", "50ms"));
                    ctx.completeNow();
                })));
    }

    @Test
    void aChildThatCrashesAfterAWhileBacksOff(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "later");
        ChildSpec later = spec(
                "later",
                Fixtures.java(ExitAfter.class, "300", "3"),
                Readiness.pattern("^up$"),
                restart(RestartSpec.Policy.ON_FAILURE, 100, 1000, 60_000, 5));

        host.start(later)
                .compose(v -> seen.first(6))
                .onComplete(ctx.succeeding(states -> ctx.verify(() -> {
                    assertEquals(
                            List.of("STARTING", "RUNNING", "CRASHED(3)", "BACKOFF", "STARTING", "RUNNING"), states);
                    assertEquals("ready: output matched /^up$/", seen.event(1).reason());
                    assertTrue(seen.event(3).reason().startsWith("restart in "));
                    ctx.completeNow();
                })));
    }

    /** The restart is spawned on the host context (the launcher idle); its pid file still follows, on the launcher. */
    @Test
    void aRestartAtOnceLeavesThePidFileOfTheNewRun(Vertx vertx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "sleeper");
        ChildSpec sleeper = spec(
                "sleeper",
                List.of("sleep", "1000"),
                Readiness.settle(Duration.ofMillis(20)),
                restart(RestartSpec.Policy.ALWAYS, 5000, 10_000, 10, 5));
        host.start(sleeper).toCompletionStage().toCompletableFuture().get();
        seen.first(2).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long first = seen.event(0).pid();
        Path pidFile = dataDir.resolve("run/sleeper.pid");
        awaitPid(pidFile, first);

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        List<String> states =
                seen.first(5).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(List.of("STARTING", "RUNNING", "CRASHED(137)", "STARTING", "RUNNING"), states);
        assertEquals("restart after crash", seen.event(3).reason());
        long second = seen.event(3).pid();
        assertTrue(second > 0 && second != first, "a new process: " + second);
        awaitPid(pidFile, second);
        assertTrue(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * A start-up's pid files are written after its spawns (Launcher): each child still gets its own, and the stop of a
     * child asked for while the spawns are queued ends with its file gone, not written again after the deletion.
     */
    @Test
    void aStartUpsPidFilesFollowItsSpawnsAndAStopRightAfterLeavesNone(Vertx vertx) throws Exception {
        host = new TestHost(vertx, dataDir);
        int n = 20;
        host.on(s -> {
                    for (int i = 0; i < n; i++) {
                        s.add(spec(
                                "s" + i,
                                List.of("sleep", "1000"),
                                Readiness.settle(Duration.ofMillis(20)),
                                restart(RestartSpec.Policy.ALWAYS, 5000, 10_000, 10, 5)));
                    }
                    Future<Void> all = s.startAll();
                    Future<Void> stop = s.stop("s0"); // the first spawn's stop, behind the other 19 spawns
                    return Future.join(all, stop).<Void>mapEmpty().recover(e -> Future.succeededFuture());
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        List<ChildStatus> children = host.on(s -> Future.succeededFuture(s.children()))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        for (ChildStatus c : children) {
            if (!c.id().equals("s0")) {
                awaitPid(dataDir.resolve("run/" + c.id() + ".pid"), c.pid());
            }
        }
        Path stopped = dataDir.resolve("run/s0.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (java.nio.file.Files.exists(stopped)) {
            assertTrue(System.nanoTime() < deadline, stopped + " is still there after s0 stopped");
            Thread.sleep(5);
        }
    }

    /** The pid file is written just after the spawn, on the launcher thread: polled until it names {@code pid}. */
    private static void awaitPid(Path file, long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (PidFile.read(file).map(e -> e.pid() != pid).orElse(true)) {
            assertTrue(System.nanoTime() < deadline, file + " never named " + pid);
            Thread.sleep(5);
        }
    }

    @Test
    void theFirstCrashAfterStableRunningRestartsAtOnce(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "stable");
        ChildSpec stable = spec(
                "stable",
                Fixtures.java(ExitAfter.class, "300", "3"),
                Readiness.pattern("^up$"),
                restart(RestartSpec.Policy.ON_FAILURE, 5000, 10_000, 100, 5));

        host.start(stable)
                .compose(v -> seen.first(5))
                .onComplete(ctx.succeeding(states -> ctx.verify(() -> {
                    assertEquals(List.of("STARTING", "RUNNING", "CRASHED(3)", "STARTING", "RUNNING"), states);
                    assertEquals(
                            "exit code 3, exited; restart now", seen.event(2).reason());
                    assertEquals("restart after crash", seen.event(3).reason());
                    ctx.completeNow();
                })));
    }

    @Test
    void aChildNotReadyInTimeIsKilledAndRecorded(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "slow");
        ChildSpec slow = spec(
                "slow",
                List.of("sh", "-c", "echo loading; exec sleep 100000"),
                Readiness.pattern("never printed").withTimeout(Duration.ofMillis(300)),
                restart(RestartSpec.Policy.NEVER, 100, 1000, 60_000, 5));

        host.start(slow)
                .compose(v -> seen.first(3))
                .compose(states -> {
                    ctx.verify(() -> assertEquals(List.of("STARTING", "CRASHED(137)", "STOPPED"), states));
                    return host.on(s -> s.crashes("slow", 1));
                })
                .onComplete(ctx.succeeding(records -> ctx.verify(() -> {
                    CrashRecord r = records.get(0);
                    assertEquals("not ready within 300ms", r.reason());
                    assertEquals("SIGKILL", r.likelySignal());
                    assertEquals("stay stopped (policy never)", r.decision());
                    assertTrue(r.tail().get(0).endsWith(" out loading"));
                    ctx.completeNow();
                })));
    }

    @Test
    void aKilledChildLeavesACrashRecordThatSurvivesTheHost(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "victim");
        ChildSpec victim = spec(
                "victim",
                List.of("sh", "-c", "echo hello; exec sleep 100000"),
                Readiness.pattern("hello"),
                restart(RestartSpec.Policy.ON_FAILURE, 100, 1000, 0, 5));
        vertx.eventBus().<CrashRecord>consumer(Addresses.CHILD_CRASH, msg -> {
            ctx.verify(() -> {
                assertEquals("victim", msg.body().childId());
                assertEquals("SIGKILL", msg.body().likelySignal());
                assertEquals("restart now", msg.body().decision());
            });
            // A new host over the same data dir: closing blocks, so not on an event loop.
            vertx.executeBlocking(() -> {
                        host.close();
                        host = new TestHost(vertx, dataDir);
                        return host;
                    })
                    .compose(h -> h.on(s -> Future.all(s.crashes(null, 10), s.controlEvents("victim", 10))))
                    .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
                        List<CrashRecord> records = both.resultAt(0);
                        assertEquals(1, records.size());
                        CrashRecord r = records.get(0);
                        assertEquals("victim", r.childId());
                        assertEquals(137, r.exitCode());
                        assertEquals("exited", r.reason());
                        assertEquals(0, r.restartNumber());
                        assertTrue(r.tail().get(0).endsWith(" out hello"));
                        // The chart markers outlive the host too, newest first.
                        List<ControlEvent> events = both.resultAt(1);
                        assertEquals(
                                List.of("stop host shutdown", "restart restart after crash", "start host start"),
                                events.stream()
                                        .map(e -> e.kind() + " " + e.detail())
                                        .toList());
                        ctx.completeNow();
                    })));
        });

        host.start(victim).compose(v -> seen.first(2)).onComplete(ctx.succeeding(states -> {
            long pid = seen.event(1).pid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        }));
    }
}
