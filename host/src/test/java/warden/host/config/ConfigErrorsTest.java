package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed config gives one exact message: where, which field, the bad value, and what is allowed. */
class ConfigErrorsTest {

    private static final String GAME = "services:\n  - id: game\n    command: [java, -jar, sim.jar]\n";

    @TempDir
    Path dir;

    private ConfigFiles config;
    private Path file;

    @BeforeEach
    void setUp() {
        config = new ConfigFiles(dir);
        file = config.file;
    }

    private String error(String yaml) throws Exception {
        return config.error(yaml);
    }

    private String error(String yaml, Map<String, String> env) throws Exception {
        return config.error(yaml, env);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() throws Exception {
        assertEquals(
                file + ":3: http.prot: unknown key; did you mean \"port\"?",
                error("http:\n  host: 0.0.0.0\n  prot: 80\n"));
        assertEquals(
                file + ":4: services[0].restrat: unknown key; did you mean \"restart\"?",
                error(GAME + "    restrat: {}\n"));
        assertEquals(
                file + ":5: services[0].restart.polcy: unknown key; did you mean \"policy\"?",
                error(GAME + "    restart:\n      polcy: never\n"));
    }

    @Test
    void unknownKeyWithNothingCloseListsTheKnownKeys() throws Exception {
        assertEquals(
                file + ":5: services[0].stop.signal: unknown key; known keys here: command, timeout",
                error(GAME + "    stop: {command: /stop,\n      signal: INT}\n"));
    }

    /**
     * Nesting past {@link YamlTree#MAX_DEPTH} is a message, on a thread with a small stack too: read by recursion, a
     * file nested a thousand deep overflowed it (found by ConfigFuzzTest).
     */
    @Test
    void aFileNestedTooDeepIsAnErrorNotAStackOverflow() throws Exception {
        String yaml = "plugins: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000) + "\n";
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(error(yaml));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        small.start();
        small.join();
        String path = "plugins" + ".a".repeat(YamlTree.MAX_DEPTH - 1);
        assertEquals(
                file + ":1: " + path + ": nested more than " + YamlTree.MAX_DEPTH
                        + " levels deep; a config needs a few",
                outcome.get());
    }

    @Test
    void aShortAdminTokenIsRefused() throws Exception {
        assertEquals(
                file + ":2: http.adminToken: is 6 characters; an admin token needs at least 16 (leave it out and "
                        + "Warden generates one in the data dir)",
                error("http:\n  adminToken: secret\n"));
    }

    @Test
    void badDuration() throws Exception {
        assertEquals(
                file + ":3: metrics.interval: \"5 sec\" is not a duration; use a whole number and a unit: 500ms, 5s,"
                        + " 2m, 1h or 7d",
                error("metrics:\n\n  interval: 5 sec\n"));
        assertEquals(
                file + ":4: services[0].stop.timeout: 30 has no unit; use a whole number and a unit: 500ms, 5s, 2m,"
                        + " 1h or 7d",
                error(GAME + "    stop: {timeout: 30}\n"));
    }

    @Test
    void badEnumValueListsTheAllowedOnes() throws Exception {
        assertEquals(
                file + ":5: services[0].restart.policy: \"sometimes\" is not allowed; use one of: always, on-failure,"
                        + " never",
                error(GAME + "    restart:\n      policy: sometimes\n"));
    }

    @Test
    void missingCommandAndId() throws Exception {
        assertEquals(
                file + ":3: services[1].command: missing; give the command line as a list, e.g. command: [java, -jar,"
                        + " server.jar]",
                error("services:\n  - {id: a, command: [a]}\n  - id: b\n    ready: x\n"));
        assertEquals(
                file + ":2: services[0].id: missing; every service needs an id, e.g. id: game",
                error("services:\n  - command: [a]\n"));
    }

    @Test
    void duplicateAndMalformedIds() throws Exception {
        assertEquals(
                file + ":4: services[1].id: \"game\" is already the id of services[0]",
                error(GAME + "  - id: game\n    command: [b]\n"));
        assertEquals(
                file + ":2: services[0].id: \"Game Server\" is not a valid id; use lowercase letters, digits, - and _,"
                        + " starting with a letter or digit",
                error("services:\n  - id: Game Server\n    command: [a]\n"));
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() throws Exception {
        assertEquals(
                file + ":3:10: YAML syntax error: mapping values are not allowed here",
                error("http:\n  port: 8080\n  host: x: y\n"));
    }

    @Test
    void wrongShapesAndTypes() throws Exception {
        assertEquals(
                file + ":3: services[0].command: expected a list, got \"java -jar sim.jar\"",
                error("services:\n  - id: game\n    command: java -jar sim.jar\n"));
        assertEquals(file + ":2: http.port: \"eighty\" is not a whole number", error("http:\n  port: eighty\n"));
        assertEquals(file + ":1: plugins.watch: \"maybe\" is not true or false", error("plugins: {watch: maybe}\n"));
        assertEquals(
                file + ":1: http.port: 70000 is not a port; use 1-65535, or 0 for any free port",
                error("http: {port: 70000}\n"));
        assertEquals(
                file + ": the top level must be a mapping of sections (http, data, metrics, ...)", error("- a\n- b\n"));
    }

    @Test
    void sectionRulesNameTheField() throws Exception {
        assertEquals(
                file + ":1: metrics.interval: 500ms is too short; metrics.interval must be 0 (off) or at least 1s",
                error("metrics: {interval: 500ms}\n"));
        assertEquals(
                file + ":2: chat.game.chatPattern: chatPattern needs a group (?<message>...)",
                error("chat:\n  game: {chatPattern: '^(?<name>\\\\w+): (.*)$'}\n"));
    }

    @Test
    void keyGivenTwice() throws Exception {
        assertEquals(file + ":3: http.port: given twice", error("http:\n  port: 8080\n  port: 9090\n"));
    }

    @Test
    void unknownToken() throws Exception {
        assertEquals(
                file + ":3: services[0].command[0]: unknown token ${jav}; known tokens: ${data}, ${java},"
                        + " ${warden.classpath}",
                error("services:\n  - id: g\n    command: [\"${jav}\", -version]\n"));
    }

    @Test
    void invalidRegexAndGame() throws Exception {
        assertEquals(
                file + ":4: services[0].ready: \"now (running\" is not a valid regex: Unclosed group",
                error(GAME + "    ready: now (running\n"));
        assertEquals(
                file + ":4: services[0].game: \"vs\" is not allowed; use one of: vintagestory, minetest",
                error(GAME + "    game: vs\n"));
    }

    @Test
    void theGameChatMustReadAServiceInTheDialectItRuns() throws Exception {
        assertEquals(
                file + ":7: chat.game.dialect: \"vintagestory\" contradicts services[0].game (minetest); leave"
                        + " chat.game.dialect out, it follows the service",
                error(GAME + "    game: minetest\nchat:\n  game: {enabled: true,\n    dialect: vintagestory}\n"));
        assertEquals(
                file + ":6: chat.game.childId: \"gmae\" is not the id of a service; did you mean \"game\"?",
                error(GAME + "chat:\n  game: {enabled: true,\n    childId: gmae}\n"));
        assertEquals(
                file + ":2: chat.game.childId: \"game\" is not the id of a service; add the game server under services",
                error("chat:\n  game: {enabled: true}\n"));
    }

    @Test
    void badEnvironmentValueNamesTheVariable() throws Exception {
        assertEquals(
                "environment variable WARDEN_HTTP_PORT: http.port: \"eighty\" is not a whole number",
                error("http: {port: 8080}\n", Map.of("WARDEN_HTTP_PORT", "eighty")));
        assertEquals(
                "environment variable WARDEN_METRICS_HISTORY: metrics.history: \"1 hour\" is not a duration; use a"
                        + " whole number and a unit: 500ms, 5s, 2m, 1h or 7d",
                error("", Map.of("WARDEN_METRICS_HISTORY", "1 hour")));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": no such file", config.error(missing));
    }
}
