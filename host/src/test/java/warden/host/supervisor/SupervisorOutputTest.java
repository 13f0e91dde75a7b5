package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.fixtures.Console;
import warden.host.fixtures.Fixtures;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorOutputTest {

    private static final long LOG_FILE_BYTES = 64 * 1024;

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
     * {@code yes} writes as fast as the pipe takes it. The host's own timer must keep firing, the bus must get
     * batches rather than a message per line, and memory and disk stay within their bounds.
     */
    @Test
    void aFloodingChildCannotStarveTheHostOrFillTheDisk(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(
                vertx, dataDir, new Supervisor.Options(100, 200, LOG_FILE_BYTES, 3, 1000, Duration.ofSeconds(10)));
        int wantLines = 50_000;
        int wantTicks = 20;
        int[] lines = {0};
        int[] messages = {0};
        int[] ticks = {0};
        String[] first = {null};
        Promise<Void> flooded = Promise.promise();
        Promise<Void> ticked = Promise.promise();
        vertx.eventBus().<OutputBatch>consumer(Addresses.CHILD_OUTPUT, msg -> {
            List<OutputLine> batch = msg.body().lines();
            // The child's first line, past a drop marker: one read() of the pipe may hold more lines than the queue
            // (1,000) before the first drain, and those beyond it are dropped from the live view, marked, as designed.
            for (int i = 0; i < batch.size() && first[0] == null; i++) {
                if (!batch.get(i).text().startsWith("warden: ")) {
                    first[0] = batch.get(i).text();
                }
            }
            messages[0]++;
            lines[0] += batch.size();
            if (lines[0] >= wantLines) {
                flooded.tryComplete();
            }
        });
        // The timer lives on the supervisor's own context: if output handling hogged it, this would stall.
        host.context.runOnContext(v -> vertx.setPeriodic(20, id -> {
            if (++ticks[0] >= wantTicks && flooded.future().isComplete()) {
                vertx.cancelTimer(id);
                ticked.tryComplete();
            }
        }));
        ChildSpec flood = new ChildSpec(
                "flood",
                ChildKind.SERVICE,
                List.of(
                        "sh",
                        "-c",
                        "head -c 100000 /dev/zero | tr '\\0' x; echo; exec yes 'flood line of some length'"),
                null,
                Map.of(),
                Readiness.settle(Duration.ofMillis(50)),
                null,
                null,
                null,
                // No capture limit here: this is about what gets past it (see the next test for the limit).
                new OutputLimit(10_000_000, 1L << 40));

        host.start(flood)
                .compose(v -> Future.all(flooded.future(), ticked.future()))
                .compose(v -> host.on(s -> {
                    List<OutputLine> tail = s.tail("flood", 1000);
                    return s.stop("flood").map(tail);
                }))
                .onComplete(ctx.succeeding(tail -> ctx.verify(() -> {
                    assertEquals(100, tail.size());
                    assertEquals("x".repeat(200) + " [99800 more chars cut]", first[0]);
                    // Batched, not a message per line: the poller hands over what one read() got, so a batch is
                    // as large as the pipe had ready (about 8 lines a message in a loaded full run), never one.
                    assertTrue(messages[0] * 4 < lines[0], messages[0] + " messages for " + lines[0] + " lines");
                    List<Path> files = logFiles(dataDir.resolve("logs/flood"));
                    assertEquals(
                            List.of("output.log", "output.log.1", "output.log.2"),
                            files.stream()
                                    .map(p -> p.getFileName().toString())
                                    .sorted()
                                    .toList());
                    for (Path f : files) {
                        assertTrue(Files.size(f) <= LOG_FILE_BYTES, f + " has " + Files.size(f) + " bytes");
                    }
                    ctx.completeNow();
                })));
    }

    /**
     * Past its output limit a child's lines are dropped from capture, counted, and marked in the tail and the log
     * file; the lines before the limit ran out are kept whole.
     */
    @Test
    void linesPastTheOutputLimitAreDroppedCountedAndMarked(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Promise<String> marked = Promise.promise();
        vertx.eventBus().<OutputBatch>consumer(Addresses.CHILD_OUTPUT, msg -> {
            for (OutputLine line : msg.body().lines()) {
                String text = line.text();
                if (text.startsWith("[warden: ")) {
                    marked.tryComplete(text);
                }
            }
        });
        ChildSpec flood = ChildSpec.service("flood", List.of("yes", "flood line"))
                .withReadiness(Readiness.settle(Duration.ofMillis(50)))
                .withOutput(new OutputLimit(10, 1024 * 1024));
        host.start(flood)
                .compose(v -> marked.future())
                .compose(mark -> host.on(s -> {
                    long dropped = s.outputDropped("flood");
                    List<OutputLine> tail = s.tail("flood", 1000);
                    return s.stop("flood").map(x -> List.of(mark, dropped, tail));
                }))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    String mark = (String) r.get(0);
                    assertTrue(
                            mark.matches("\\[warden: \\d+ lines dropped: output over the limit of 10 lines/s or"
                                    + " 1048576 bytes/s]"),
                            mark);
                    assertTrue((long) r.get(1) > 1000, "dropped " + r.get(1));
                    @SuppressWarnings("unchecked")
                    List<OutputLine> tail = (List<OutputLine>) r.get(2);
                    // The burst (10 s at 10 lines/s) was captured whole before anything was dropped.
                    assertTrue(tail.size() >= 100, "tail of " + tail.size());
                    assertEquals(
                            List.of("flood line"),
                            tail.subList(0, 100).stream()
                                    .map(OutputLine::text)
                                    .distinct()
                                    .toList());
                    assertTrue(tail.stream().anyMatch(l -> l.text().equals(mark)));
                    String log = Files.readString(dataDir.resolve("logs/flood/output.log"));
                    assertTrue(log.contains(mark), "the mark is not in the log file");
                    ctx.completeNow();
                })));
    }

    /**
     * A plugin-like child: its stdout is protocol for the attachment (not logged), stderr is its log; the
     * attachment makes it RUNNING and later fails it with a reason that lands in the crash record.
     */
    @Test
    void anAttachmentReadsStdoutDecidesReadinessAndCanFailTheChild(Vertx vertx, VertxTestContext ctx) throws Exception {
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "plugin");
        List<String> protocol = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        ChildAttachment attachment = new ChildAttachment() {
            private ChildChannel channel;

            @Override
            public void started(ChildChannel channel) {
                this.channel = channel;
                channel.write("hello");
            }

            @Override
            public void stdout(String line) {
                protocol.add(line);
                if (line.equals("echo:hello")) {
                    channel.ready("1.2.3");
                    channel.write("nonsense");
                } else if (line.equals("echo:nonsense")) {
                    channel.fail("protocol violation: nonsense");
                }
            }

            @Override
            public void exited(int exitCode) {
                exits.add(exitCode);
            }
        };
        ChildSpec plugin = new ChildSpec(
                "plugin",
                ChildKind.PLUGIN,
                Fixtures.java(Console.class),
                null,
                Map.of(),
                Readiness.external(Duration.ofSeconds(20)),
                null,
                new RestartSpec(
                        RestartSpec.Policy.NEVER,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        5,
                        Duration.ofMinutes(1)),
                () -> attachment);

        host.start(plugin)
                .compose(v -> seen.first(4))
                .compose(states -> host.on(s -> s.crashes("plugin", 1).map(records -> {
                    ctx.verify(() -> {
                        assertEquals(List.of("STARTING", "RUNNING", "CRASHED(137)", "STOPPED"), states);
                        assertEquals(
                                "ready: reported by the child", seen.event(1).reason());
                        assertEquals(
                                "protocol violation: nonsense", records.get(0).reason());
                        assertEquals("1.2.3", s.status("plugin").orElseThrow().version());
                        assertEquals(List.of("echo:hello", "echo:nonsense"), protocol);
                        assertEquals(List.of(137), exits);
                        List<OutputLine> tail = s.tail("plugin", 10);
                        assertEquals(1, tail.size());
                        assertEquals("hello from stderr", tail.get(0).text());
                        assertFalse(Files.readString(dataDir.resolve("logs/plugin/output.log"))
                                .contains("echo:"));
                    });
                    return records;
                })))
                .onComplete(ctx.succeeding(v -> ctx.completeNow()));
    }

    private static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
