package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Main;
import warden.host.fixtures.Fixtures;
import warden.host.storage.DataDirLock;
import warden.host.storage.Database;

/**
 * One host per data dir. A second host process on the same dir exits 1 with a message naming the dir and the first
 * host's pid and address, before it reads a pid file: the first host's children keep running, untouched. Before the
 * lock, the second host took the first one's children for leftovers and SIGTERMed them.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DataDirLockTest {

    @TempDir
    Path dir;

    private RealHost first;

    @AfterEach
    void kill() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aSecondHostOnTheSameDataDirExitsNamingTheFirst() throws Exception {
        first = RealHost.start(dir, RealHost.Mode.GROUP);
        String dashboard = first.banner.stream()
                .filter(l -> l.startsWith("  dashboard: "))
                .findFirst()
                .orElseThrow()
                .substring("  dashboard: ".length());
        List<String> pidFiles = pidFiles();

        Process second = new ProcessBuilder(Fixtures.java(Main.class, "--config", "warden.yaml", "--no-console"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(second.getInputStream().readAllBytes());

        assertEquals(1, second.waitFor(), output);
        assertTrue(
                output.contains("warden: data dir " + first.data + " is in use by another Warden host (pid " + first.pid
                        + ", " + dashboard + ")"),
                output);
        assertEquals(pidFiles, pidFiles(), "the first host's children are untouched");
        for (String child : List.of("polite", "wrapper", "stubborn")) {
            PidFile.Entry e =
                    PidFile.read(first.data.resolve("run/" + child + ".pid")).orElseThrow();
            assertEquals(e.startTicks(), ProcessTree.startTicks(e.pid()), child + " still runs");
        }
    }

    private List<String> pidFiles() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String child : List.of("polite", "wrapper", "stubborn")) {
            out.add(Files.readString(first.data.resolve("run/" + child + ".pid")));
        }
        return out;
    }

    @Test
    void aSecondSupervisorInTheSameProcessIsRefused(Vertx vertx) throws Exception {
        try (Database db = Database.open(dir);
                TestHost host = new TestHost(vertx, dir)) {
            DataDirLock.InUse e =
                    assertThrows(DataDirLock.InUse.class, () -> new Supervisor(vertx, db, dir, Clock.systemUTC()));
            assertTrue(e.getMessage().contains(dir.toAbsolutePath().normalize().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        // Released on close: a later supervisor gets it.
        DataDirLock.acquire(dir).close();
    }
}
