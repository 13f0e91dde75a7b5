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
 * A dynamic AppCDS archive of the runner's classes (pf4j, Jackson, the runner), shared by every plugin JVM: with it a
 * plugin is ready about a third sooner (bench/plugins: 168–192 → 119–128 ms median) and maps those classes read-only
 * instead of each loading its own copy.
 *
 * <p>JDK 17 cannot create the archive on the fly ({@code -XX:+AutoCreateSharedArchive} came in 19), so it is built once
 * by a training run of the runner that only loads classes, in the background after the plugins have started; the
 * children spawned from then on (restarts, reloads, the next host start) use it. The file name holds a digest of the
 * java binary and the class path (with sizes and times), so a rebuilt warden.jar or another JDK gets a new archive and
 * a stale one is never offered. A class path with folders (a build tree) cannot be archived: then there is none.
 *
 * <p>A JVM that cannot map the archive says so on its log and runs without it ({@code -Xshare:auto}); the runner's
 * flags send that warning to stderr, away from the protocol on stdout.
 */
final class RunnerArchive {

    private static final Logger log = LoggerFactory.getLogger(RunnerArchive.class);
    private static final String PREFIX = "runner-";
    private static final String SUFFIX = ".jsa";
    private static final long TRAINING_TIMEOUT_SECONDS = 60;

    private final Path file;
    private final List<String> classPath;
    private boolean building;

    private RunnerArchive(Path file, List<String> classPath) {
        this.file = file;
        this.classPath = classPath;
    }

    /** The archive for this JVM's runner class path under {@code dir}; an archive that never exists if it cannot. */
    static RunnerArchive in(Path dir, Collection<String> classPath) {
        List<String> entries = List.copyOf(classPath);
        String key = key(RunnerCommand.javaBinary(), entries);
        return new RunnerArchive(key == null ? null : dir.resolve(PREFIX + key + SUFFIX), entries);
    }

    /** The flags for a plugin JVM: the archive once it is built, else none. */
    List<String> flags() {
        return file != null && Files.isRegularFile(file) ? List.of("-XX:SharedArchiveFile=" + file) : List.of();
    }

    /** Whether there is anything to build: an archivable class path without its archive yet. */
    boolean missing() {
        return file != null && !Files.isRegularFile(file) && !building;
    }

    /**
     * Builds the archive from a training run that loads {@code pluginJar} without starting it; older archives in the
     * folder are removed. Never fails: a JVM that cannot build one leaves plugins starting as before, logged once.
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

    // On a worker thread.
    private void train(Path pluginJar) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        List<String> command = new ArrayList<>();
        command.add(RunnerCommand.javaBinary());
        command.addAll(RunnerCommand.FLAGS);
        command.add("-XX:ArchiveClassesAtExit=" + tmp);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(RunnerCommand.RUNNER);
        command.add("--train"); // warden.runner.PluginRunner.TRAIN: the host does not load runner classes
        command.add(pluginJar.toAbsolutePath().toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the training run took over " + TRAINING_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IOException("the training run exited with code " + p.exitValue() + " and wrote no archive");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        removeOthers();
        log.info(
                "class-data archive for plugin JVMs built in {} ms: {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                file);
    }

    private void removeOthers() throws IOException {
        try (var files = Files.list(file.getParent())) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !p.equals(file)) {
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
