package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a valid config can still get wrong about the machine; the process-level outcome is in MainStartChecksTest. */
class StartChecksTest {

    @TempDir
    Path dir;

    private ConfigFiles config;

    @BeforeEach
    void setUp() {
        config = new ConfigFiles(dir);
    }

    @Test
    void anAddressOfAnotherMachineCannotBeListenedOn() throws Exception {
        // 192.0.2.1 is TEST-NET-1: never an address of this machine, and no lookup is needed to know it.
        String message = config.startError("http: {host: 192.0.2.1, port: 0}\n");
        String prefix = config.file + ":1: http.host: \"192.0.2.1\" cannot be listened on (";
        assertEquals(prefix, message.substring(0, prefix.length()), message);
        assertEquals(true, message.endsWith("); use an address of this machine, 127.0.0.1 or 0.0.0.0"), message);
    }

    @Test
    void aServiceFolderThatDoesNotExist() throws Exception {
        assertEquals(
                config.file + ":4: services[0].workingDir: " + dir.resolve("nowhere")
                        + " is not a folder; the service's command runs in it",
                config.startError(
                        "http: {port: 0}\nservices:\n  - id: game\n    workingDir: nowhere\n    command: [a]\n"));
    }

    @Test
    void aMinetestWorldThatCannotBeWritten() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a folder\n");
        String message = config.startError("http: {port: 0}\nservices:\n  - {id: game, command: [a], game: minetest}\n"
                + "chat:\n  game: {enabled: true, world: notes.txt/world}\n");
        assertEquals(
                config.file + ":5: chat.game.world: " + dir.resolve("notes.txt/world") + ": cannot write in "
                        + dir.resolve("notes.txt/world") + ": Not a directory; the host writes there",
                message);
    }

    @Test
    void aGoodConfigPasses() throws Exception {
        WardenConfig c = config.load("http: {port: 0}\n", Map.of());
        ConfigLoader loader = new ConfigLoader(Map.of(), dir);
        loader.checkBeforeStart(loader.load(config.file));
        assertEquals(true, Files.isDirectory(c.data().resolve("logs")));
    }
}
