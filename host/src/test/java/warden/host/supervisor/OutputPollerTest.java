package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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

/** One thread reads every child's output; protocol lines are held, never lost, when their queue is full. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputPollerTest {

    @TempDir
    Path dataDir;

    private TestHost host;

    @AfterEach
    void closeHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    /**
     * 20 children that each print a line now and then add no output threads: the host grows by the JDK's process
     * reaper per child and nothing else, and every child's lines still arrive.
     */
    @Test
    void childrenAddNoOutputThreads(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        int n = 20;
        List<ChildSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(new ChildSpec(
                    "c" + i,
                    ChildKind.SERVICE,
                    List.of("sh", "-c", "echo out-c" + i + "; echo err-c" + i + " >&2; exec sleep 1000"),
                    null,
                    Map.of(),
                    Readiness.settle(Duration.ofMillis(50)),
                    null,
                    null,
                    null));
        }
        // The supervisor's own threads (launcher, reaper, poller, keeper's reaper) exist before the children.
        host.start(specs.get(0))
                .compose(v -> awaitTail("c0", 2))
                .compose(v -> {
                    long before = nonReaperThreads();
                    return host.start(specs.subList(1, n).toArray(ChildSpec[]::new))
                            .compose(x -> {
                                List<Future<Void>> all = new ArrayList<>();
                                for (int i = 1; i < n; i++) {
                                    all.add(awaitTail("c" + i, 2));
                                }
                                return Future.all(all);
                            })
                            .map(x -> before);
                })
                .onComplete(ctx.succeeding(before -> ctx.verify(() -> {
                    long after = nonReaperThreads();
                    assertTrue(
                            after - before <= 2,
                            before + " threads before " + (n - 1) + " more children, " + after + " after");
                    ctx.completeNow();
                })));
    }

    /**
     * A queue of 4 lines and a child that prints 50,000 protocol lines as fast as it can: the poller keeps hitting a
     * full queue, holds the line, stops reading and is woken by the drain. Every line arrives, in order.
     */
    @Test
    void protocolLinesWaitForRoomAndNoneIsLost(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir, new Supervisor.Options(100, 8192, 1 << 20, 2, 4, Duration.ofSeconds(10)));
        int want = 50_000;
        int[] next = {1};
        List<String> wrong = new ArrayList<>();
        Promise<Void> all = Promise.promise();
        ChildAttachment attachment = new ChildAttachment() {
            @Override
            public void started(ChildChannel channel) {}

            @Override
            public void stdout(String line) {
                if (!line.equals(Integer.toString(next[0])) && wrong.size() < 5) {
                    wrong.add("expected " + next[0] + ", got " + line);
                }
                if (++next[0] > want) {
                    all.tryComplete();
                }
            }

            @Override
            public void exited(int exitCode) {}
        };
        ChildSpec plugin = new ChildSpec(
                "seq",
                ChildKind.PLUGIN,
                List.of("sh", "-c", "seq 1 " + want + "; exec sleep 1000"),
                null,
                Map.of(),
                Readiness.external(Duration.ofSeconds(20)),
                null,
                null,
                () -> attachment);
        host.start(plugin)
                .compose(v -> all.future())
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    assertEquals(List.of(), wrong);
                    assertEquals(want + 1, next[0]);
                    ctx.completeNow();
                })));
    }

    private Future<Void> awaitTail(String id, int lines) {
        return host.on(s -> {
            Promise<Void> done = Promise.promise();
            long[] timer = {0};
            timer[0] = host.context.owner().setPeriodic(10, t -> {
                if (s.tail(id, 10).size() >= lines) {
                    host.context.owner().cancelTimer(t);
                    done.tryComplete();
                }
            });
            return done.future();
        });
    }

    private static long nonReaperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("process reaper"))
                .count();
    }
}
