package warden.host.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir belongs to its owner alone: set for new files, fixed at start for old ones. */
class PrivateFilesTest {

    @Test
    void openingTheDatabaseMakesAnOldDataDirOwnerOnly(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path logs = data.resolve("logs").resolve("game");
        Files.createDirectories(
                logs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(logs.resolve("output.log"), "old line\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

        try (Database db = Database.open(data)) {
            db.call(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER)"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
        }

        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(logs));
        assertEquals("rw-------", mode(log));
        assertEquals("rw-------", mode(data.resolve("warden.db")));
    }

    @Test
    void aNewDatabaseIsNeverReadableByOthers(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("fresh");
        try (Database db = Database.open(data)) {
            db.call(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER)"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            for (String name : new String[] {"warden.db", "warden.db-wal", "warden.db-shm"}) {
                if (Files.exists(data.resolve(name))) {
                    assertEquals("rw-------", mode(data.resolve(name)), name);
                }
            }
        }
        assertEquals("rwx------", mode(data));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
