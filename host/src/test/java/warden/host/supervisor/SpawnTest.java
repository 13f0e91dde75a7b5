package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child started by {@link Spawn}: what it receives as arguments, environment and folder. */
class SpawnTest {

    @TempDir
    Path dir;

    private final Spawn spawn = new Spawn();

    /** Runs {@code command} with stdout on a pipe and returns what it printed. */
    private String run(List<String> command, Map<String, String> env) throws IOException {
        int[] out = new int[2];
        LibC.pipe2(out, LibC.O_CLOEXEC);
        long pid;
        try {
            pid = spawn.start(command, dir, env, out[1], out[1], out[1]);
        } finally {
            LibC.closeQuietly(out[1]);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long n;
        while ((n = LibC.read(out[0], buf, buf.length)) > 0) {
            got.write(buf, 0, (int) n);
        }
        LibC.closeQuietly(out[0]);
        int[] status = new int[1];
        LibC.waitpid((int) pid, status, 0);
        assertEquals(0, LibC.exitCode(status[0]), got.toString(StandardCharsets.UTF_8));
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void argumentsAndEnvironmentArriveExactlyNonAsciiAndEmptyOnesIncluded() throws IOException {
        String printed = run(
                List.of(
                        "/bin/sh",
                        "-c",
                        "printf '%s|%s|%s|%s|' \"$1\" \"$2\" \"$GREETING\" \"$EMPTY\"; pwd",
                        "sh",
                        "Grüße aus Köln",
                        ""),
                Map.of("GREETING", "héllo wörld = ok", "EMPTY", "", "PATH", "/usr/bin:/bin"));

        assertEquals("Grüße aus Köln||héllo wörld = ok||" + dir.toRealPath() + "\n", printed);
    }

    @Test
    void theStructuresAreReusedAcrossStartsOfDifferentSizes() throws IOException {
        String big = "x".repeat(40_000); // larger than the first string block
        assertEquals(
                big.length() + "\n", run(List.of("/bin/sh", "-c", "printf '%s\\n' \"${#BIG}\""), Map.of("BIG", big)));
        assertEquals("none\n", run(List.of("/bin/sh", "-c", "printf '%s\\n' \"${BIG:-none}\""), Map.of()));
    }

    @Test
    void aMissingProgramFailsInTheWordsOfProcessBuilder() {
        IOException e =
                assertThrows(IOException.class, () -> spawn.start(List.of("/no/such/program"), dir, Map.of(), 0, 1, 2));
        assertTrue(
                e.getMessage()
                        .startsWith("Cannot run program \"/no/such/program\" (in directory \"" + dir + "\"): "
                                + "error=2, "),
                e.getMessage());
    }
}
