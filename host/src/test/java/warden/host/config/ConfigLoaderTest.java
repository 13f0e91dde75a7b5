package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, relative paths, tokens, and the precedence file < environment < command line. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private WardenConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("conf/warden.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return new ConfigLoader(env, dir).load(file);
    }

    @Test
    void anEmptyFileIsAllDefaults() throws Exception {
        WardenConfig c = load("", Map.of());
        assertEquals(HttpConfig.DEFAULT, c.http());
        assertEquals(MetricsConfig.DEFAULT, c.metrics());
        assertEquals(ChatConfig.DEFAULT, c.chat());
        assertEquals(dir.resolve("conf/warden-data"), c.data());
        assertEquals(dir.resolve("conf/plugins"), c.plugins().dir());
        assertEquals(List.of(), c.services());
    }

    @Test
    void aServiceGetsDefaultsForWhatItLeavesOut() throws Exception {
        WardenConfig c = load(
                "services:\n  - id: game\n    command: [java, -jar, sim.jar]\n    stop: {command: /stop}\n"
                        + "    restart: {policy: always, maxBackoff: 2m}\n",
                Map.of());
        ServiceConfig s = c.services().get(0);
        assertEquals(List.of("java", "-jar", "sim.jar"), s.command());
        assertEquals(dir.resolve("conf"), s.workingDir());
        assertEquals(Map.of(), s.env());
        assertNull(s.ready());
        assertEquals(Duration.ofSeconds(1), s.settle());
        assertEquals(new ServiceConfig.StopConfig("/stop", Duration.ofSeconds(10)), s.stop());
        assertEquals(
                new ServiceConfig.RestartConfig(
                        ServiceConfig.RestartPolicy.ALWAYS,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(60),
                        5,
                        Duration.ofMinutes(5)),
                s.restart());
    }

    @Test
    void theGameChatDialectFollowsTheService() throws Exception {
        String minetest = "services:\n  - id: mt\n    command: [minetestserver]\n    game: minetest\n";
        assertEquals(
                Dialect.MINETEST,
                load(minetest + "chat:\n  game: {enabled: true, childId: mt}\n", Map.of())
                        .chat()
                        .game()
                        .dialect());
        // Without a game on the service the default dialect stays.
        assertEquals(
                Dialect.VINTAGESTORY,
                load("services:\n  - id: game\n    command: [vs]\nchat:\n  game: {enabled: true}\n", Map.of())
                        .chat()
                        .game()
                        .dialect());
    }

    @Test
    void durationsPathsAndTokens() throws Exception {
        WardenConfig c = load(
                "data: ../state\nmetrics: {interval: 90s, history: 1h30m}\nplugins: {dir: \"${data}/jars\"}\n"
                        + "services:\n  - id: sim\n    command: [\"${java}\", -cp, \"${warden.classpath}\", Sim]\n"
                        + "    workingDir: game\n    env: {PORT: 42420, WORLD: \"${data}/world\"}\n"
                        + "    stop: {timeout: 500ms}\n",
                Map.of());
        assertEquals(dir.resolve("state"), c.data());
        assertEquals(Duration.ofSeconds(90), c.metrics().interval());
        assertEquals(Duration.ofMinutes(90), c.metrics().history());
        assertEquals(dir.resolve("state/jars"), c.plugins().dir());
        ServiceConfig s = c.services().get(0);
        assertEquals(dir.resolve("conf/game"), s.workingDir());
        assertEquals(Duration.ofMillis(500), s.stop().timeout());
        assertEquals(Map.of("PORT", "42420", "WORLD", dir.resolve("state") + "/world"), s.env());
        String java = ProcessHandle.current().info().command().orElseThrow();
        assertEquals(java, s.command().get(0));
        assertTrue(
                Path.of(s.command().get(2).split(":")[0]).isAbsolute(),
                s.command().get(2));
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
        Map<String, String> env = Map.of(
                "WARDEN_HTTP_HOST", "0.0.0.0",
                "WARDEN_HTTP_PORT", "9090",
                "WARDEN_ADMIN_TOKEN", "s3cret-token-0123456789",
                "WARDEN_DATA_DIR", "from-env",
                "WARDEN_METRICS_INTERVAL", "10s",
                "WARDEN_METRICS_HISTORY", "2h",
                "WARDEN_PLUGINS_DIR", "/opt/plugins",
                "WARDEN_UNRELATED", "ignored");
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, "http: {port: 8081}\ndata: from-file\nmetrics: {interval: 1s}\n");
        WardenConfig c = new ConfigLoader(env, dir.resolve("cwd"))
                .set("data", "from-cli", "--data")
                .set("chat.console", "false", "--no-console")
                .load(file);
        assertEquals(HttpConfig.listening("0.0.0.0", 9090, "s3cret-token-0123456789"), c.http());
        assertEquals(dir.resolve("cwd/from-cli"), c.data(), "relative to the working dir, not the file");
        assertEquals(MetricsConfig.sampling(Duration.ofSeconds(10), Duration.ofHours(2)), c.metrics());
        assertEquals(Path.of("/opt/plugins"), c.plugins().dir());
        assertFalse(c.chat().console());
    }

    @Test
    void blankEnvironmentValuesAreIgnored() throws Exception {
        WardenConfig c = load("http: {port: 8081}\n", Map.of("WARDEN_HTTP_PORT", " "));
        assertEquals(8081, c.http().port());
    }

    @Test
    void theEmbeddedDefaultRunsTheSimulatorWithThisJava() throws Exception {
        WardenConfig c = new ConfigLoader(Map.of(), dir).loadEmbeddedDefault();
        assertEquals(HttpConfig.listening("127.0.0.1", 8080, null), c.http());
        assertEquals(dir.resolve("warden-data"), c.data());
        assertEquals(dir.resolve("warden-data/plugins"), c.plugins().dir());
        ServiceConfig game = c.services().get(0);
        assertEquals("game", game.id());
        assertEquals(
                ProcessHandle.current().info().command().orElseThrow(),
                game.command().get(0));
        assertTrue(
                game.command().contains("warden.sim.GameSimulator"),
                game.command().toString());
        assertEquals("now running on Port", game.ready());
        assertEquals(new ServiceConfig.StopConfig("/stop", Duration.ofSeconds(10)), game.stop());
        assertEquals(ServiceConfig.RestartPolicy.ON_FAILURE, game.restart().policy());
    }

    @Test
    void theDataOptionMovesTheEmbeddedDefaultsPluginsToo() throws Exception {
        WardenConfig c = new ConfigLoader(Map.of(), dir)
                .set("data", "elsewhere", "--data")
                .loadEmbeddedDefault();
        assertEquals(dir.resolve("elsewhere/plugins"), c.plugins().dir());
    }
}
