package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The fault suite's short form ({@link FaultSuite} is the long one): a small kill storm and two host SIGKILLs. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultSuiteTest {

    @TempDir
    Path dir;

    @Test
    void aKillStormLeavesEveryChildBackOneRecordPerKillAndNoOrphan(Vertx vertx) throws Exception {
        KillStorm storm = KillStorm.run(vertx, dir, 30, 50, 150, new Random(7));
        System.out.println("kill storm (short form): " + storm);
        assertEquals(30, storm.kills());
        assertEquals(storm.kills(), storm.crashRecords(), storm.toString());
        assertEquals(KillStorm.CHILDREN, storm.settled(), storm.toString());
        assertEquals(0, storm.orphans(), storm.toString());
        assertEquals(0, storm.duplicates(), storm.toString());
    }

    @Test
    void hostSigkillsLeaveNothingRunningAndTheDatabaseWhole() throws Exception {
        HostKill kill = HostKill.run(dir, 2, new Random(8));
        System.out.println("host SIGKILL (short form): " + kill);
        assertEquals(0, kill.survivors(), kill.toString());
        assertEquals(0, kill.leftAfterStart(), kill.toString());
        assertTrue(kill.maxLostSamples() <= 1, kill.toString());
        assertEquals("ok", kill.integrity());
    }
}
