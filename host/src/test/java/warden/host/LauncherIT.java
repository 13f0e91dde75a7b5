package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher ({@code target/bin/warden} beside {@code target/warden.jar}, so after {@code package}: run by
 * failsafe): the host gets the README's footprint flags, and {@code warden ctl} reaches it with no arguments and
 * leaves its class-data archive in the cache for the next run; a rebuilt jar's archive replaces the old one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target/bin/warden").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void runsTheHostWithTheFootprintFlagsAndCtlAgainstIt() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(
                dir.resolve("warden.yaml"),
                "http: {port: 0}\nplugins: {dir: ./plugins}\nservices:\n  - id: sleeper\n    command: [sleep, '3600']\n");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--config", "warden.yaml", "--no-console")
                .directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        Process host = pb.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
                // the banner
            }
            // exec: the launcher's process is the JVM itself, so systemd's $MAINPID is the host.
            List<String> jvmArgs = List.of(host.info().arguments().orElseThrow());
            assertTrue(
                    jvmArgs.containsAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms16m")),
                    jvmArgs.toString());
            // The JIT yields to the host's own threads (CompilerPriority): its compiler threads, those it added later
            // too, run at nice 10.
            List<Integer> nice = compilerNiceValues(host.pid());
            assertTrue(!nice.isEmpty() && nice.stream().allMatch(n -> n == CompilerPriority.NICE), nice.toString());

            Path cache = dir.resolve("cache");
            for (int run = 0; run < 2; run++) {
                ProcessBuilder ctl = new ProcessBuilder(LAUNCHER.toString(), "ctl", "status")
                        .directory(dir.toFile())
                        .redirectErrorStream(true);
                ctl.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
                ctl.environment().put("XDG_CACHE_HOME", cache.toString());
                Process p = ctl.start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), text);
                List<String> lines = text.lines().toList();
                assertTrue(lines.get(0).startsWith("ID "), text);
                assertTrue(lines.get(1).startsWith("sleeper  service  "), text);
                assertEquals(2, lines.size(), "nothing but the table (no JVM warnings): " + text);
            }
            try (Stream<Path> archives = Files.list(cache.resolve("warden"))) {
                assertEquals(
                        1, archives.filter(f -> f.toString().endsWith(".jsa")).count());
            }
        } finally {
            host.destroy();
            host.waitFor(60, TimeUnit.SECONDS);
            host.descendants().forEach(ProcessHandle::destroyForcibly);
            host.destroyForcibly();
        }
    }

    /** The nice value of each JIT compiler thread of process {@code pid}, from /proc/PID/task/TID/stat. */
    private static List<Integer> compilerNiceValues(long pid) throws Exception {
        List<Integer> nice = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                    String stat = Files.readString(task.resolve("stat"));
                    // After the name's ")": state is field 3, nice field 19.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    nice.add(Integer.parseInt(fields[19 - 3]));
                }
            }
        }
        return nice;
    }

    /**
     * A copy of the install, so its jar can be "rebuilt" (a new modification time): the second build's archive
     * replaces the first's and one named the old way, while another install's archive stays.
     */
    @Test
    void aRebuiltJarsArchiveReplacesTheOldOnes() throws Exception {
        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("bin"));
        Files.copy(LAUNCHER, install.resolve("bin/warden"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.copy(LAUNCHER.resolveSibling("../warden.jar").normalize(), install.resolve("warden.jar"));
        Path cache = Files.createDirectories(dir.resolve("cache/warden"));
        Files.writeString(cache.resolve("ctl-12345.jsa"), "an archive named the old way");
        Files.writeString(cache.resolve("ctl-1-2.jsa"), "another install's archive");

        Set<String> before = ctlArchives(install, cache);
        assertEquals(2, before.size(), "the old-way archive removed, the other install's kept: " + before);
        assertTrue(before.contains("ctl-1-2.jsa"), before.toString());
        String first = before.stream()
                .filter(f -> !f.equals("ctl-1-2.jsa"))
                .findFirst()
                .orElseThrow();
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Set<String> after = ctlArchives(install, cache);

        assertEquals(2, after.size(), after.toString());
        assertTrue(after.contains("ctl-1-2.jsa"), after.toString());
        assertTrue(!after.contains(first), first + " " + after);
        String install1 = first.substring(0, first.lastIndexOf('-'));
        assertTrue(after.stream().anyMatch(f -> f.startsWith(install1 + "-")), install1 + " " + after);
    }

    /** Runs {@code warden ctl status} (no host: it fails, and still leaves its archive) and lists ctl's archives. */
    private Set<String> ctlArchives(Path install, Path cache) throws Exception {
        ProcessBuilder ctl = new ProcessBuilder(install.resolve("bin/warden").toString(), "ctl", "status")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ctl.txt").toFile());
        ctl.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        ctl.environment().put("XDG_CACHE_HOME", cache.getParent().toString());
        ctl.environment().put("WARDEN_URL", "http://127.0.0.1:1");
        assertTrue(ctl.start().waitFor(60, TimeUnit.SECONDS));
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith("ctl-") && f.endsWith(".jsa"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
