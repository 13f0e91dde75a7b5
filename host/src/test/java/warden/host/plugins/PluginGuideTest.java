package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.fixtures.External;

/**
 * The plugin guide ({@code plugin-api/README.md}) as a newcomer follows it: its pom and source are the example's, its
 * two Maven commands install plugin-api from a copy of this checkout and build the example, and the jar, dropped into
 * a real host's plugins folder, answers {@code !hello}.
 *
 * <p>Maven runs with a private local repository, so nothing lands in the shared one. That repository is filled from
 * the shared one through a {@code file:} mirror (Maven copies what it needs, offline), with Maven Central behind it
 * for a machine whose repository lacks something.
 */
@External.Needs(path = "/usr/bin/mvn", debianPackage = "maven")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PluginGuideTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUIDE = CHECKOUT.resolve("plugin-api/README.md");
    private static final Path EXAMPLE = CHECKOUT.resolve("plugin-api/example/hello");
    private static final String INSTALL_API =
            "mvn -B -q install -pl plugin-api -am -DskipTests -Dspotless.check.skip=true";
    private static final String BUILD_PLUGIN = "mvn -B -q package";
    private static final String TOKEN = "guide-test-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void theGuidesCommandsBuildAPluginThatAnswersHello() throws Exception {
        String guide = Files.readString(GUIDE);
        assertTrue(guide.contains(Files.readString(EXAMPLE.resolve("pom.xml"))), "the guide shows the example's pom");
        assertTrue(
                guide.contains(Files.readString(EXAMPLE.resolve("src/main/java/com/example/hello/HelloPlugin.java"))),
                "the guide shows the example's source");
        for (String command : List.of(INSTALL_API, BUILD_PLUGIN)) {
            assertTrue(guide.contains("\n" + command + "\n"), "the guide runs: " + command);
        }

        Path warden = copyCheckout(dir.resolve("warden"));
        Path hello = dir.resolve("hello");
        copyTree(EXAMPLE, hello);
        mvn(warden, INSTALL_API);
        mvn(hello, BUILD_PLUGIN);

        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(hello.resolve("target/hello-plugin-1.0.0.jar"), plugins.resolve("hello-plugin-1.0.0.jar"));
        assertEquals(List.of("Hello, admin! (greeting #1)"), hello(plugins));
    }

    /** A host with only that plugin; {@code !hello} sent as an admin through the API, as the console would. */
    private List<String> hello(Path plugins) throws Exception {
        Files.writeString(
                dir.resolve("warden.yaml"),
                "data: %s\nhttp: {port: 0, adminToken: %s}\nchat: {console: false}\nplugins: {dir: %s}\n"
                        .formatted(dir.resolve("data"), TOKEN, plugins));
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        Vertx vertx = Warden.createVertx(config);
        Warden host = null;
        try {
            host = Warden.start(vertx, config)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(host.dashboardUrl() + "api/v1/chat"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"line\":\"!hello\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new JsonObject(r.body())
                    .getJsonArray("replies").stream().map(Object::toString).toList();
        } finally {
            if (host != null) {
                host.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Runs one of the guide's commands in {@code where}, with the private repository added. */
    private void mvn(Path where, String command) throws IOException, InterruptedException {
        Path settings = dir.resolve("settings.xml");
        if (!Files.exists(settings)) {
            Files.writeString(settings, settings());
        }
        List<String> argv = new ArrayList<>(List.of(command.split(" ")));
        argv.addAll(List.of("-s", settings.toString(), "-Dmaven.repo.local=" + dir.resolve("m2")));
        Path log = dir.resolve("mvn-" + where.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(where.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The test JVM's own Maven settings must not leak in (MAVEN_OPTS with a repository, a debugger port).
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().remove("MAVEN_ARGS");
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertEquals(0, p.waitFor(), command + " in " + where + " failed:\n" + Files.readString(log));
    }

    /** The shared repository as a read-only mirror, Maven Central behind it. */
    private static String settings() {
        Path shared = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>seed</id>
                      <repositories>
                        <repository><id>seed</id><url>%1$s</url></repository>
                        <repository><id>central</id><url>https://repo.maven.apache.org/maven2</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>seed</id><url>%1$s</url></pluginRepository>
                        <pluginRepository><id>central</id><url>https://repo.maven.apache.org/maven2</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
                </settings>
                """
                .formatted(shared.toUri());
    }

    /** What {@code install -pl plugin-api -am} reads: every pom of the reactor, and plugin-api's sources. */
    private static Path copyCheckout(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(CHECKOUT)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("pom.xml"))
                    .filter(f -> !CHECKOUT.relativize(f).toString().contains("target"))
                    .filter(f -> !f.startsWith(EXAMPLE))
                    .toList()) {
                Path target = to.resolve(CHECKOUT.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        copyTree(CHECKOUT.resolve("plugin-api/src/main"), to.resolve("plugin-api/src/main"));
        return to;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).toString().startsWith("target"))
                    .toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
