package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Tmpfs;

/** A start on a full or a read-only data dir stops before anything starts, naming the path and the errno. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataDirFullTest {

    @TempDir
    Path dir;

    @Test
    void aStartOnAFullThenAReadOnlyDataDirExitsNamingThePathAndTheErrno() throws Exception {
        Files.writeString(dir.resolve("warden.yaml"), "http: {port: 0}\nchat: {console: false}\n");
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), "1m")) {
            Path data = disk.dir.resolve("data");
            Files.createDirectories(data.resolve("run"));
            disk.fill();

            String full = start(data, 1);
            assertTrue(full.startsWith("warden: cannot write to the data dir " + data + ": " + data), full);
            assertTrue(full.contains("No space left on device (ENOSPC)"), full);

            disk.empty();
            disk.remount("ro");
            String readOnly = start(data, 1);
            assertTrue(readOnly.startsWith("warden: cannot write to the data dir " + data + ": " + data), readOnly);
            assertTrue(readOnly.contains("Read-only file system (EROFS)"), readOnly);
            assertTrue(readOnly.contains("warden: nothing was started"), readOnly);
        }
    }

    private String start(Path data, int expectedCode) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                List.of("--config", dir.resolve("warden.yaml").toString(), "--data", data.toString()),
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, text);
        return text;
    }
}
