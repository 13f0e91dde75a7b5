package warden.host.plugins;

import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a plugin's child JVM: the same java as the host, lean flags, and a class path of only what the
 * runner needs. From warden.jar that class path is warden.jar itself until {@link RunnerArchive} has built the small
 * runner jar and its class-data archive, then that jar; from a build tree it is a handful of folders and jars, never
 * the host's whole class path.
 */
final class RunnerCommand {

    /**
     * Flags from spike.md §4. A small initial heap matters most: with {@code -Xms4m} the child touches fewer heap pages
     * while pf4j starts: about 8 MB less RSS.
     */
    static final List<String> FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            // Twice the usual invocation counts before C1 compiles a method: start-up code (pf4j, class loading) runs
            // a few hundred times and never again, and compiling it cost 0.9 MB of RSS and no time to ready; event
            // handling is compiled within its first second as before (bench/plugins throughput unchanged).
            "-XX:CompileThresholdScaling=2",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m",
            "-Xss256k",
            "-Xms4m",
            "-Xmx32m",
            "-XX:-UsePerfData",
            "-Xshare:auto",
            // Stdout carries the protocol. The JVM's own log (a full code cache, a CDS mismatch) goes to stdout by
            // default, and one such line would be a protocol violation: send it to stderr, into the child's log.
            "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    static final String RUNNER = "warden.runner.PluginRunner";

    // One class from each library the runner loads; their code sources form the class path.
    private static final List<String> ANCHORS = List.of(
            RUNNER,
            "warden.api.ChatCommand",
            "org.pf4j.PluginManager",
            "com.github.zafarkhaja.semver.Version",
            "com.fasterxml.jackson.core.JsonFactory",
            "org.slf4j.LoggerFactory",
            "org.slf4j.simple.SimpleServiceProvider");

    /**
     * What of the class path the runner needs, by entry name (a versioned entry, {@code META-INF/versions/N/...}, by
     * the name after that prefix): the same libraries as {@link #ANCHORS}, plus slf4j-simple's settings and provider.
     * {@link RunnerJar} packs these alone for the class-data archive.
     */
    static final List<String> PACKAGES = List.of(
            "warden/runner/",
            "warden/protocol/",
            "warden/api/",
            "org/pf4j/",
            "com/github/zafarkhaja/semver/",
            "org/slf4j/",
            "com/fasterxml/jackson/core/",
            "simplelogger.properties",
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");

    /** The JVM flags beyond {@link #FLAGS} and the class path a plugin JVM runs the runner with. */
    record Launch(List<String> flags, List<String> classPath) {}

    private RunnerCommand() {}

    static List<String> forJar(Path jar, Duration heartbeat, Launch launch) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(FLAGS);
        command.addAll(launch.flags());
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, launch.classPath()));
        command.add(RUNNER);
        command.add(jar.toAbsolutePath().toString());
        command.add(Long.toString(heartbeat.toMillis()));
        return command;
    }

    static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Set<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        ClassLoader loader = RunnerCommand.class.getClassLoader();
        for (String anchor : ANCHORS) {
            try {
                CodeSource source = Class.forName(anchor, false, loader)
                        .getProtectionDomain()
                        .getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (ClassNotFoundException e) {
                // slf4j-simple is optional: without it pf4j's own logging is silent.
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("unusable class path entry for " + anchor, e);
            }
        }
        return entries;
    }
}
