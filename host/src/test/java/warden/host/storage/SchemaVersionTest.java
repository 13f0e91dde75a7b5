package warden.host.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code PRAGMA user_version} says about a file decides whether this build may open it. */
class SchemaVersionTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsAtTheLatestVersionAndOpensAgainUnchanged() throws Exception {
        Database.open(dir).close();
        assertEquals(Schema.latest(), UpgradedHost.userVersion(dir));
        Database.open(dir).close();
        assertEquals(Schema.latest(), UpgradedHost.userVersion(dir));
    }

    /** A downgrade must not run on tables it does not know: it would misread or overwrite them. */
    @Test
    void aFileOfANewerBuildIsRefusedAndLeftAsItWas() throws Exception {
        Database.open(dir).close();
        int newer = Schema.latest() + 1;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
                var s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + newer);
        }
        SQLException refused = assertThrows(SQLException.class, () -> Database.open(dir));
        assertEquals(
                "warden.db is at schema version " + newer + ", newer than this build knows (" + Schema.latest()
                        + "): run the newer build, or start on another data dir",
                refused.getMessage());
        assertEquals(newer, UpgradedHost.userVersion(dir));
    }
}
