package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's class-data archive, built by a real training JVM and used by real runner JVMs. The build tree's class
 * folders are packed into jars first, as in warden.jar: CDS archives only jars.
 */
class RunnerArchiveTest {

    @TempDir
    Path dir;

    private Vertx vertx;
    private List<String> classPath;
    private Path pluginJar;

    @BeforeEach
    void jars() throws Exception {
        vertx = Vertx.vertx();
        classPath = new ArrayList<>();
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
        int n = 0;
        for (String entry : RunnerCommand.classPath()) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path packed = dir.resolve("cp" + n++ + ".jar");
                assertEquals(0, jar.run(System.out, System.err, "cf", packed.toString(), "-C", entry, "."));
                classPath.add(packed.toString());
            } else {
                classPath.add(entry);
            }
        }
        pluginJar = Path.of(Class.forName("warden.plugins.dice.DicePlugin")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aTrainingRunBuildsAnArchiveThatPluginJvmsMap() throws Exception {
        RunnerArchive archive = RunnerArchive.in(dir.resolve("cds"), classPath);
        assertTrue(archive.missing());
        assertEquals(new RunnerCommand.Launch(List.of(), classPath), archive.launch());

        build(archive);

        assertFalse(archive.missing());
        RunnerCommand.Launch launch = archive.launch();
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.file(".jsa")), launch.flags());
        assertEquals(List.of(archive.file(".jar").toString()), launch.classPath());
        // -Xshare:on makes a JVM that cannot map the archive fail, so a hello proves it was used.
        assertEquals("hello", firstFrameType(launch, "-Xshare:on"));
    }

    @Test
    void aStaleArchiveIsReplacedAndNeverCorruptsTheProtocol() throws Exception {
        RunnerArchive old = RunnerArchive.in(dir.resolve("cds"), classPath);
        build(old);
        Path jar = old.file(".jar");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));

        // The JVM warns that it cannot use the archive; the warning must go to stderr, not before the hello.
        assertEquals("hello", firstFrameType(old.launch()));

        Path first = Path.of(classPath.get(0));
        Files.setLastModifiedTime(
                first, FileTime.fromMillis(Files.getLastModifiedTime(first).toMillis() + 5_000));
        RunnerArchive fresh = RunnerArchive.in(dir.resolve("cds"), classPath);
        assertTrue(fresh.missing(), "a changed class path needs a new archive");
        build(fresh);
        try (var files = Files.list(dir.resolve("cds"))) {
            assertEquals(
                    List.of(fresh.file(".jar"), fresh.file(".jsa"), fresh.file(".sizes")),
                    files.sorted().toList(),
                    "the old jar and archive are removed");
        }
    }

    @Test
    void aTruncatedArchiveIsNotOfferedAndIsRebuilt() throws Exception {
        RunnerArchive archive = RunnerArchive.in(dir.resolve("cds"), classPath);
        build(archive);
        Path jsa = archive.file(".jsa");
        // A JVM given this file dies of SIGBUS before main: it must never see it.
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(jsa), 4096);
        Files.write(jsa, head);

        assertEquals(new RunnerCommand.Launch(List.of(), classPath), archive.launch());
        assertEquals("hello", firstFrameType(archive.launch()));
        assertTrue(archive.missing());

        build(archive);
        assertEquals("hello", firstFrameType(archive.launch(), "-Xshare:on"));
    }

    private void build(RunnerArchive archive) throws Exception {
        archive.build(vertx, pluginJar)
                .toCompletionStage()
                .toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
        assertFalse(archive.missing(), "built");
    }

    /** Starts the runner with the lean flags, {@code launch} and {@code extra} and returns the type of its first stdout frame. */
    private String firstFrameType(RunnerCommand.Launch launch, String... extra) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(RunnerCommand.javaBinary());
        command.addAll(RunnerCommand.FLAGS);
        command.addAll(launch.flags());
        command.addAll(List.of(extra));
        command.addAll(
                List.of("-cp", String.join(java.io.File.pathSeparator, launch.classPath()), RunnerCommand.RUNNER));
        command.addAll(List.of(
                pluginJar.toString(), Long.toString(Duration.ofSeconds(5).toMillis())));
        Process p = new ProcessBuilder(command)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(
                    line != null && line.startsWith("{"),
                    "first stdout line: " + line + "; stderr: " + Files.readString(dir.resolve("stderr.txt")));
            return new io.vertx.core.json.JsonObject(line).getString("type");
        } finally {
            p.getOutputStream().close(); // stdin EOF: the runner exits
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
