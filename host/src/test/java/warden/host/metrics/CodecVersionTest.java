package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.storage.Database;

/**
 * A metrics BLOB whose version byte this build does not know is refused with a message that names what and why, never
 * read with today's layout (which would return wrong numbers).
 */
class CodecVersionTest {

    private static String refusal(String what, String reads, int version) {
        return what + " codec version " + version + " is unknown to this build (it reads " + reads
                + "): warden.db was written by a newer build, or is corrupt";
    }

    @Test
    void aRawChunkOfAnUnknownVersionIsRefused() {
        TreeMap<Long, Map<Integer, Double>> samples = new TreeMap<>(Map.of(1000L, Map.of(1, 2.5)));
        byte[] blob = Chunk.of(samples).encode(0);
        for (int version : new int[] {2, 0xFF}) {
            blob[0] = (byte) version;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chunk.decode(blob, 0, -1));
            assertEquals(refusal("raw chunk", "0 to 1", version), e.getMessage());
        }
    }

    @Test
    void aBucketOfAnUnknownVersionIsRefused() {
        DDSketch sketch = Sketches.empty();
        sketch.accept(3);
        byte[] blob = Codec.encodeBucket(Map.of("cpu", new double[] {1, 3, 3, 3}), Map.of("cpu", sketch), name -> 1);
        blob[0] = 9;
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Codec.decodeBucket(blob, id -> "cpu", "cpu"::equals, new HashMap<>(), new HashMap<>()));
        assertEquals(refusal("bucket", "0 to 1", 9), e.getMessage());
    }

    /** Through the store, as a query meets it: the journal row of a newer build fails the read, it is not skipped. */
    @Test
    void aJournalRowOfAnUnknownVersionFailsTheRead(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            TierStore store = new TierStore();
            long at = 1_790_000_000_000L;
            db.callBlocking(c -> {
                store.write(
                        c,
                        List.of(new Sample("web", java.time.Instant.ofEpochMilli(at), Map.of("cpu", 1.0))),
                        List.of());
                try (var s = c.createStatement()) {
                    s.execute("UPDATE metric_tick SET vals = X'02' || substr(vals, 2)");
                }
                return null;
            });
            Exception e = assertThrows(
                    Exception.class, () -> db.callBlocking(c -> store.raw(c, "web", at - 1000, at + 1000)));
            assertEquals(refusal("journal", "1", 2), e.getCause().getMessage());
        }
    }
}
