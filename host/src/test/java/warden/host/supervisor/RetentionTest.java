package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.storage.Database;

/**
 * Crash records and control events keep the newest N of each child, however the others write: 1,000 crashes spread at
 * random over 13 children are all kept at N = 500 (the old trim, which counted every child together, kept 506), and
 * at N = 50 each child keeps exactly its newest 50.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetentionTest {

    private static final int CHILDREN = 13;
    private static final int KILLS = 1000;

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void thousandCrashesOverThirteenChildrenAreAllKeptAtTheDefault() throws Exception {
        db = Database.open(dir);
        CrashStore store = new CrashStore(db, Supervisor.Options.DEFAULT.keepPerChild());
        Map<String, Integer> inserted = storm(store, new Random(10));

        for (int c = 0; c < CHILDREN; c++) {
            String id = "child-" + c;
            assertEquals(
                    inserted.getOrDefault(id, 0), await(store.list(id, 10_000)).size(), id);
        }
        assertEquals(KILLS, await(store.list(null, 10_000)).size());
    }

    @Test
    void pastNEveryChildKeepsExactlyItsNewestN() throws Exception {
        db = Database.open(dir);
        int keep = 50;
        CrashStore store = new CrashStore(db, keep);
        Map<String, Integer> inserted = storm(store, new Random(11));

        for (int c = 0; c < CHILDREN; c++) {
            String id = "child-" + c;
            List<CrashRecord> kept = await(store.list(id, 10_000));
            int n = inserted.getOrDefault(id, 0);
            assertEquals(Math.min(n, keep), kept.size(), id + " had " + n);
            // The newest: restart numbers were given in insertion order per child.
            assertEquals(n - 1, kept.get(0).restartNumber(), id);
            assertEquals(n - Math.min(n, keep), kept.get(kept.size() - 1).restartNumber(), id);
        }
    }

    @Test
    void controlEventsKeepTheNewestNOfEachChild() throws Exception {
        db = Database.open(dir);
        int keep = 40;
        ControlLog log = new ControlLog(db, keep);
        // Every record from this one thread once the table is ready, as the host context does: records chained on
        // the table's readiness would otherwise run on the database thread while later ones come from this thread.
        await(log.list("child-0", 1));
        Random random = new Random(12);
        Map<String, Integer> inserted = new HashMap<>();
        for (int i = 0; i < KILLS; i++) {
            // One child flaps far more than the others: it must not erase their history.
            String id = random.nextInt(4) == 0 ? "child-0" : "child-" + (1 + random.nextInt(CHILDREN - 1));
            int n = inserted.merge(id, 1, Integer::sum);
            log.record(new ControlEvent(id, Instant.ofEpochMilli(n), ControlEvent.Kind.RESTART, "#" + (n - 1)));
        }
        for (int c = 0; c < CHILDREN; c++) {
            String id = "child-" + c;
            List<ControlEvent> kept = await(log.list(id, 10_000));
            int n = inserted.getOrDefault(id, 0);
            assertEquals(Math.min(n, keep), kept.size(), id + " had " + n);
            assertEquals("#" + (n - 1), kept.get(0).detail());
        }
    }

    /** 1,000 crash records, each for a child picked at random; returns how many each child got. */
    private static Map<String, Integer> storm(CrashStore store, Random random) throws Exception {
        Map<String, Integer> inserted = new HashMap<>();
        List<Future<CrashRecord>> writes = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            String id = "child-" + random.nextInt(CHILDREN);
            int n = inserted.merge(id, 1, Integer::sum);
            writes.add(store.insert(CrashStore.unsaved(
                    id,
                    Instant.ofEpochMilli(i),
                    137,
                    "exited",
                    Duration.ofMillis(5),
                    n - 1,
                    "restart at once",
                    List.of("line"))));
        }
        await(Future.all(writes));
        return inserted;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
