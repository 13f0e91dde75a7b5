package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Tmpfs;

/**
 * A data dir on a real 4 MiB tmpfs that fills up: supervision goes on, crash records and control events wait in
 * memory and reach the database once space is back, and a child's log file resumes on its next line, saying how many
 * lines it lost. Before, the records were dropped and the log file stayed off until the host restarted.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskFullTest {

    private static final RestartSpec QUICK = new RestartSpec(
            RestartSpec.Policy.ALWAYS,
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMinutes(1),
            100,
            Duration.ofMinutes(5));

    @TempDir
    Path dir;

    private Tmpfs disk;
    private TestHost host;

    @AfterEach
    void cleanUp() throws Exception {
        if (host != null) {
            host.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void whileTheDiskIsFullSupervisionGoesOnAndNothingIsLost(Vertx vertx) throws Exception {
        disk = Tmpfs.mount(dir.resolve("disk"), "4m");
        Path data = disk.dir.resolve("data");
        host = new TestHost(vertx, data);
        Transitions crasher = new Transitions(vertx, "crasher");
        Readiness up = Readiness.pattern("up");
        await(host.start(
                        ChildSpec.service("echo", List.of("sh", "-c", "echo up; while read l; do echo \"$l\"; done"))
                                .withReadiness(up),
                        new ChildSpec(
                                "crasher",
                                ChildKind.SERVICE,
                                List.of("sh", "-c", "echo up; read l; exit 3"),
                                null,
                                Map.of(),
                                up,
                                null,
                                QUICK,
                                null))
                .compose(v -> crasher.first(2)));
        Path log = data.resolve("logs/echo/output.log");
        say(vertx, "before");
        await(until(vertx, () -> Future.succeededFuture(read(log).contains(" before"))));

        disk.fill();
        // Longer than a page: the last, partly used page of the log file cannot take all of it.
        say(vertx, "x".repeat(6000) + " during");
        for (int i = 0; i < 3; i++) {
            int seen = 2 + 4 * i; // STARTING RUNNING, then CRASHED BACKOFF STARTING RUNNING per crash
            await(host.on(s -> Future.succeededFuture(s.send("crasher", "die"))));
            await(crasher.first(seen + 4));
            assertEquals("RUNNING", crasher.event(seen + 3).state().name(), "supervision goes on");
        }
        assertEquals(0, await(host.on(s -> s.crashes("crasher", 10))).size(), "the disk took no record");
        assertFalse(read(log).contains(" during"));

        disk.empty();
        say(vertx, "after");
        await(until(vertx, () -> Future.succeededFuture(read(log).contains(" after"))));
        assertTrue(read(log).contains("line(s) not logged"), read(log));
        await(until(vertx, () -> host.on(s -> s.crashes("crasher", 10)).map(l -> l.size() == 3)));
        // The backlog writes crash records and control events as separate rows: wait for both, not only the first.
        await(until(vertx, () -> host.on(s -> s.controlEvents("crasher", 10)).map(l -> l.size() >= 4)));
        List<ControlEvent> events = await(host.on(s -> s.controlEvents("crasher", 10)));
        assertEquals(4, events.size(), events.toString()); // the start, then a restart after each crash
    }

    /** Writes a line to the echo child and waits until it has come back through the output pump (and the log file). */
    private void say(Vertx vertx, String line) throws Exception {
        await(host.on(s -> Future.succeededFuture(s.send("echo", line))));
        await(until(
                vertx,
                () -> host.on(s -> Future.succeededFuture(
                        s.tail("echo", 5).stream().anyMatch(l -> l.text().startsWith(line.substring(0, 5)))))));
    }

    /** Completes once {@code check} says true; checked every 20 ms (a condition, not a sleep). */
    private static Future<Void> until(Vertx vertx, Supplier<Future<Boolean>> check) {
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(20, id -> check.get().onSuccess(ok -> {
            if (ok && done.tryComplete()) {
                vertx.cancelTimer(id);
            }
        }));
        return done.future();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
