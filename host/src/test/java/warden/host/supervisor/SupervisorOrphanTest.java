package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.OrphanHost;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorOrphanTest {

    @TempDir
    Path dataDir;

    private TestHost host;
    private final List<Process> ours = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        if (host != null) {
            host.close();
        }
        ours.forEach(Process::destroyForcibly);
    }

    /** The host is SIGKILLed: nothing can clean up after it, yet every child must be gone within 2 s. */
    @Test
    void aHostKilledWithSigkillLeavesNoChildBehind(Vertx vertx, VertxTestContext ctx) throws Exception {
        Process orphanHost = new ProcessBuilder(Fixtures.java(OrphanHost.class, dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        ours.add(orphanHost);
        Promise<List<Long>> pids = Promise.promise();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(orphanHost.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("pids ")) {
                        List<Long> found = new ArrayList<>();
                        for (String p : line.substring(5).split(" ")) {
                            found.add(Long.parseLong(p));
                        }
                        pids.tryComplete(found);
                    }
                }
            } catch (java.io.IOException e) {
                pids.tryFail(e);
            }
        });
        reader.setDaemon(true);
        reader.start();

        pids.future().onComplete(ctx.succeeding(children -> {
            ctx.verify(() -> assertEquals(4, children.size()));
            children.forEach(pid -> assertTrue(!PidFile.gone(pid), "child " + pid + " runs before the kill"));
            orphanHost.destroyForcibly();
            long killedAt = System.nanoTime();
            // These are not our children, so the JDK has no exit event for them: check /proc until the deadline.
            watch(vertx, ctx, children, killedAt);
        }));
    }

    /** One-shot timers rather than a periodic one: cancelling a periodic timer in its first run fails in Vert.x. */
    private static void watch(Vertx vertx, VertxTestContext ctx, List<Long> children, long killedAt) {
        vertx.setTimer(10, timer -> {
            long elapsedMs = (System.nanoTime() - killedAt) / 1_000_000;
            List<Long> alive =
                    children.stream().filter(pid -> !PidFile.gone(pid)).toList();
            if (alive.isEmpty()) {
                ctx.verify(() -> assertTrue(elapsedMs <= 2000, "children gone after " + elapsedMs + " ms"));
                ctx.completeNow();
            } else if (elapsedMs > 2000) {
                ctx.failNow("children " + alive + " still alive 2 s after the host was SIGKILLed");
            } else {
                watch(vertx, ctx, children, killedAt);
            }
        });
    }

    /**
     * A pid file names a process that is still running with the recorded start time: it is stopped before the child
     * starts again. A pid file whose start time does not match names some other process, which is left alone.
     */
    @Test
    void aLeftoverFromAnEarlierHostIsStoppedAndAReusedPidIsLeftAlone(Vertx vertx, VertxTestContext ctx)
            throws Exception {
        Process leftover = new ProcessBuilder("sleep", "100000").start();
        Process stranger = new ProcessBuilder("sleep", "100002").start();
        ours.add(leftover);
        ours.add(stranger);
        PidFile.write(
                dataDir.resolve("run/game.pid"),
                new PidFile.Entry(leftover.pid(), ProcessTree.startTicks(leftover.pid()), 0, 0, "sleep 100000"));
        java.nio.file.Files.writeString(dataDir.resolve("run/tool.pid"), stranger.pid() + "\n12345\nsleep 100002\n");
        host = new TestHost(vertx, dataDir);
        Transitions game = new Transitions(vertx, "game");
        Transitions tool = new Transitions(vertx, "tool");
        Readiness settle = Readiness.settle(Duration.ofMillis(50));

        host.start(
                        ChildSpec.service("game", List.of("sleep", "100000")).withReadiness(settle),
                        ChildSpec.service("tool", List.of("sleep", "100001")).withReadiness(settle))
                .compose(v -> game.first(2))
                .compose(v -> tool.first(2))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertEquals(
                            "start-up; stopped leftover pid " + leftover.pid() + " from an earlier host",
                            game.event(0).reason());
                    assertTrue(leftover.onExit().isDone() || !leftover.isAlive());
                    assertNotEquals(leftover.pid(), game.event(0).pid());
                    assertEquals("start-up", tool.event(0).reason());
                    assertTrue(stranger.isAlive());
                    ctx.completeNow();
                })));
    }
}
