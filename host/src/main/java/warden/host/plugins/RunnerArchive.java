package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AppCDS archive of the runner's classes, with the JDK classes they need, shared by every plugin JVM, and the small
 * jar ({@link RunnerJar}) it was dumped from. A plugin JVM that runs from both maps about 1,300 classes ready-made and
 * reads no big jar: ready in about 75 ms instead of 125, and about 5 MB less RSS (bench/plugins) than from warden.jar.
 *
 * <p>A static archive ({@code -Xshare:dump} from a class list) rather than a dynamic one on top of the JDK's own: the
 * JDK's archive holds classes a plugin never loads, and this JDK maps every archive at a random address and so writes
 * to each of its pages; an archive of only the classes a plugin loads is that much less memory (41 → 37.7 MB).
 *
 * <p>JDK 17 cannot create an archive on the fly ({@code -XX:+AutoCreateSharedArchive} came in 19), so it is built once
 * in the background after the plugins have started: a training run of the runner that only loads classes lists them,
 * and a dump archives that list. The children spawned from then on (restarts, reloads, the next host start) use it.
 * The file names hold a digest of the java binary and the class path (with sizes and times), so a rebuilt warden.jar
 * or another JDK gets a new archive and a stale one is never offered. A class path with folders (a build tree) cannot
 * be archived: then there is none.
 *
 * <p>A JVM maps whatever file it is given, and a truncated archive kills it with SIGBUS before it runs any code, even
 * with {@code -Xshare:auto} and {@code -XX:+VerifySharedSpaces}. So the archive counts as built only while a marker
 * written last still names the sizes of the jar and the archive; a JVM that cannot map an intact archive says so on its
 * log and runs without it ({@code -Xshare:auto}); the runner's flags send that warning to stderr, away from the
 * protocol on stdout.
 */
final class RunnerArchive {

    private static final Logger log = LoggerFactory.getLogger(RunnerArchive.class);
    private static final String PREFIX = "runner-";
    private static final long STEP_TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final String key;
    private final List<String> classPath;
    private boolean building;

    private RunnerArchive(Path dir, String key, List<String> classPath) {
        this.dir = dir;
        this.key = key;
        this.classPath = classPath;
    }

    /** The archive for this JVM's runner class path under {@code dir}; an archive that never exists if it cannot. */
    static RunnerArchive in(Path dir, Collection<String> classPath) {
        List<String> entries = List.copyOf(classPath);
        return new RunnerArchive(dir, key(RunnerCommand.javaBinary(), entries), entries);
    }

    /** How a plugin JVM runs the runner: from the small jar with the archive once both are built, else as it is. */
    RunnerCommand.Launch launch() {
        return built()
                ? new RunnerCommand.Launch(
                        List.of("-XX:SharedArchiveFile=" + file(".jsa")),
                        List.of(file(".jar").toString()))
                : new RunnerCommand.Launch(List.of(), classPath);
    }

    /** Whether there is anything to build: an archivable class path without its archive yet. */
    boolean missing() {
        return key != null && !built() && !building;
    }

    /**
     * Builds the jar and the archive from a training run that loads {@code pluginJar} without starting it; older ones
     * in the folder are removed. Never fails: a JVM that cannot build them leaves plugins starting as before, logged.
     */
    Future<Void> build(Vertx vertx, Path pluginJar) {
        if (!missing()) {
            return Future.succeededFuture();
        }
        building = true;
        return vertx.<Void>executeBlocking(() -> {
                    train(pluginJar);
                    return null;
                })
                .onComplete(ar -> building = false)
                .recover(e -> {
                    log.warn("plugin JVMs start without a class-data archive: {}", e.getMessage());
                    return Future.succeededFuture();
                });
    }

    Path file(String suffix) {
        return dir.resolve(PREFIX + key + suffix);
    }

    private boolean built() {
        try {
            return key != null && Files.readString(file(".sizes")).equals(sizes());
        } catch (IOException e) {
            return false; // not built yet, or a part is gone
        }
    }

    private String sizes() throws IOException {
        return Files.size(file(".jar")) + " " + Files.size(file(".jsa"));
    }

    // On a worker thread.
    private void train(Path pluginJar) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        Files.deleteIfExists(file(".sizes"));
        Path classList = file(".classlist");
        try {
            // The archive records the jar's path, size and time: the jar is in place before the dump, then never
            // changes.
            RunnerJar.write(classPath, file(".jar.tmp"));
            move(".jar.tmp", ".jar");
            run(
                    "the training run",
                    List.of("-XX:DumpLoadedClassList=" + classList),
                    RunnerCommand.RUNNER,
                    "--train", // warden.runner.PluginRunner.TRAIN: the host does not load runner classes
                    pluginJar.toAbsolutePath().toString());
            run(
                    "the dump",
                    List.of(
                            "-Xshare:dump",
                            "-XX:SharedClassListFile=" + classList,
                            "-XX:SharedArchiveFile=" + file(".jsa.tmp")));
            move(".jsa.tmp", ".jsa");
            Files.writeString(file(".sizes.tmp"), sizes());
            move(".sizes.tmp", ".sizes");
        } finally {
            // What a failed build leaves is no use to the next one.
            for (String part : List.of(".jar.tmp", ".classlist", ".jsa.tmp", ".sizes.tmp")) {
                Files.deleteIfExists(file(part));
            }
        }
        removeOthers();
        log.info(
                "class-data archive for plugin JVMs built in {} ms: {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                file(".jsa"));
    }

    private void move(String from, String to) throws IOException {
        Files.move(file(from), file(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs a JVM with the runner's flags (its own -Xshare last), on the small jar; fails unless it exits 0. */
    private void run(String what, List<String> flags, String... mainAndArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(RunnerCommand.javaBinary());
        command.addAll(RunnerCommand.FLAGS);
        command.addAll(flags);
        command.add("-cp");
        command.add(file(".jar").toString());
        command.addAll(List.of(mainAndArgs));
        Path output = file(".out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " took over " + STEP_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(output);
                throw new IOException(what + " exited with code " + p.exitValue()
                        + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private void removeOthers() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && !name.startsWith(PREFIX + key + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
    /** A digest of the java binary and each class path entry's path, size and time; null if an entry is a folder. */
    private static String key(String java, List<String> classPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((java + '\n' + Runtime.version() + '\n').getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath) {
                Path p = Path.of(entry);
                if (!Files.isRegularFile(p)) {
                    return null; // CDS archives only jars
                }
                String line = entry
                        + '|'
                        + Files.size(p)
                        + '|'
                        + Files.getLastModifiedTime(p).toMillis()
                        + '\n';
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
