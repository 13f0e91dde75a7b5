package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledPluginsTest {

    private static final FileTime BUILT = FileTime.from(Instant.parse("2026-11-01T10:00:00Z"));

    @TempDir
    Path dir;

    /** A stand-in for warden.jar holding two bundled plugins and an unrelated class. */
    private Path wardenJar() throws Exception {
        Path jar = dir.resolve("warden.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("bundled-plugins/dice-roller.jar", "bundled-plugins/counter.jar", "x.class")) {
                JarEntry entry = new JarEntry(name);
                entry.setLastModifiedTime(BUILT);
                out.putNextEntry(entry);
                out.write(("content of " + name).getBytes());
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void copiesWhatIsMissingOrOlderAndKeepsNewerFiles() throws Exception {
        Path jar = wardenJar();
        Path plugins = dir.resolve("data/plugins");
        Files.createDirectories(plugins);
        Files.writeString(plugins.resolve("counter.jar"), "my own build");
        Files.setLastModifiedTime(
                plugins.resolve("counter.jar"), FileTime.from(BUILT.toInstant().plusSeconds(60)));

        assertEquals(List.of("dice-roller.jar"), BundledPlugins.extract(jar, plugins));
        assertEquals(
                "content of bundled-plugins/dice-roller.jar", Files.readString(plugins.resolve("dice-roller.jar")));
        assertEquals(BUILT, Files.getLastModifiedTime(plugins.resolve("dice-roller.jar")));
        assertEquals("my own build", Files.readString(plugins.resolve("counter.jar")));

        assertEquals(List.of(), BundledPlugins.extract(jar, plugins), "a second start copies nothing");

        Files.setLastModifiedTime(
                plugins.resolve("counter.jar"), FileTime.from(BUILT.toInstant().minusSeconds(60)));
        assertEquals(List.of("counter.jar"), BundledPlugins.extract(jar, plugins), "an older copy is replaced");
        assertEquals(
                List.of("counter.jar", "dice-roller.jar"),
                Files.list(plugins)
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .toList());
    }
}
