package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.storage.Database;

/**
 * The journal is folded into chunks once per chunk span, not looked at on every tick: rows of a finished span become
 * chunk rows at the first write of the next span, and a row a clock gone back writes into a folded span is still read
 * and folded at the next span.
 */
class JournalFoldTest {

    private static final long SPAN = RawTier.CHUNK_MILLIS;

    @TempDir
    Path dir;

    @Test
    void aSpanIsFoldedOnceItIsOverAndALateRowAtTheNextSpan() throws Exception {
        try (Database db = Database.open(dir)) {
            TierStore store = new TierStore();
            long t0 = 10 * SPAN;
            db.callBlocking(c -> {
                for (long at = t0; at < t0 + SPAN; at += 5_000) {
                    write(store, c, at);
                }
                assertEquals(SPAN / 5_000, count(c, "metric_tick"));
                write(store, c, t0 + SPAN); // the next span starts: the first one is folded
                assertEquals(1, count(c, "metric_tick"));
                assertEquals(1, count(c, "metric_chunk"));
                write(store, c, t0 + 1_000); // the clock went back into the folded span
                assertEquals(
                        SPAN / 5_000 + 2, store.raw(c, "s", t0, t0 + 2 * SPAN).size());
                write(store, c, t0 + 2 * SPAN);
                assertEquals(1, count(c, "metric_tick"));
                assertEquals(
                        SPAN / 5_000 + 3, store.raw(c, "s", t0, t0 + 3 * SPAN).size());
                return null;
            });
        }
    }

    private static void write(TierStore store, Connection c, long at) throws SQLException {
        store.write(c, List.of(new Sample("s", Instant.ofEpochMilli(at), Map.of("cpu", 1.5))), List.of());
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
