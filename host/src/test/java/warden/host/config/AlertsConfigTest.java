package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts section, in the file and sent to the API: defaults, and one exact message per mistake. */
class AlertsConfigTest {

    @TempDir
    Path dir;

    private static final String HOOK = "alerts:\n  channels:\n    - {name: ops, type: webhook, url: \"http://x/\"}\n";

    private String error(String yaml) throws Exception {
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, yaml);
        return file + "|"
                + assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of(), dir).load(file))
                        .getMessage();
    }

    private String where(int line) {
        return dir.resolve("warden.yaml") + "|" + dir.resolve("warden.yaml") + ":" + line + ": ";
    }

    @Test
    void aMissingSectionGivesTheBuiltInsAndNoChannel() throws Exception {
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, "http: {port: 0}\n");
        AlertsConfig a = new ConfigLoader(Map.of(), dir).load(file).alerts();
        assertEquals(AlertsConfig.DEFAULT, a);
        Files.writeString(
                file, HOOK + "  rules:\n    - {name: hot, series: cpu, comparison: \">\", threshold: 90, for: 5m}\n");
        AlertsConfig.Rule r =
                new ConfigLoader(Map.of(), dir).load(file).alerts().rules().get(0);
        assertEquals(Duration.ofMinutes(5), r.holdFor());
        assertEquals("*", r.scope());
        assertEquals(AlertsConfig.Severity.WARNING, r.severity());
        assertEquals(
                3,
                new ConfigLoader(Map.of(), dir)
                        .load(file)
                        .alerts()
                        .channels()
                        .get(0)
                        .retries());
    }

    @Test
    void eachMistakeNamesTheFieldAndWhatIsAllowed() throws Exception {
        String rule = HOOK + "  rules:\n    - ";
        assertEquals(
                where(5) + "alerts.rules[0].comparison: \"=>\" is not allowed; use one of: > >= < <= == !=",
                error(rule + "{name: hot, series: cpu, comparison: \"=>\", threshold: 90}\n"));
        assertEquals(
                where(5) + "alerts.rules[0].threshold: missing; a series rule needs a number, e.g. 90",
                error(rule + "{name: hot, series: cpu, comparison: \">\"}\n"));
        assertEquals(
                where(5) + "alerts.rules[0]: give exactly one of series (e.g. series: cpu) and event (one of: crash,"
                        + " crash-loop, not-ready, reload-failed, no-samples)",
                error(rule + "{name: hot}\n"));
        assertEquals(
                where(5)
                        + "alerts.rules[0].event: \"crashed\" is not allowed; use one of: crash, crash-loop, not-ready,"
                        + " reload-failed, no-samples",
                error(rule + "{name: hot, event: crashed}\n"));
        assertEquals(
                where(5) + "alerts.rules[0].channels[0]: \"opz\" is not a channel; did you mean \"ops\"?",
                error(rule + "{name: hot, event: crash, channels: [opz]}\n"));
        assertEquals(
                where(5) + "alerts.rules[0].scope: \"Game!\" is not a scope; use a child id or glob (game, plugin-*),"
                        + " kind:service, kind:plugin, host, system, disk:/mount or disk:*",
                error(rule + "{name: hot, event: crash, scope: Game!}\n"));
        assertEquals(
                where(5) + "alerts.rules[0].for: \"5\" is not a duration; use a whole number and a unit: 500ms, 5s, 2m,"
                        + " 1h or 7d",
                error(rule + "{name: hot, event: crash, for: \"5\"}\n"));
        assertEquals(
                where(3) + "alerts.channels[0].url: missing; a slack channel needs url (or urlEnv naming the"
                        + " environment variable that holds it)",
                error("alerts:\n  channels:\n    - {name: s, type: slack}\n"));
        assertEquals(
                where(3) + "alerts.channels[0].type: \"sms\" is not allowed; use one of: webhook, slack, discord,"
                        + " alertmanager, email, chat",
                error("alerts:\n  channels:\n    - {name: s, type: sms}\n"));
    }

    @Test
    void aRuleSentToTheApiIsCheckedTheSameWay() throws Exception {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> AlertRules.parse(
                        "{\"name\": \"hot\", \"series\": \"cpu\", \"comparison\": \">\", \"threshold\": \"x\"}",
                        "request body",
                        Set.of("ops")));
        assertEquals("request body:1: threshold: \"x\" is not a number", e.getMessage());
        AlertsConfig.Rule r = AlertRules.parse(
                "{\"name\": \"hot\", \"series\": \"cpu\", \"comparison\": \">\", \"threshold\": 90, \"for\": \"2m\","
                        + " \"channels\": [\"ops\"]}",
                "request body",
                Set.of("ops"));
        assertEquals(
                "{\"name\":\"hot\",\"series\":\"cpu\",\"scope\":\"*\",\"comparison\":\">\",\"threshold\":90.0,"
                        + "\"keepFiringFor\":\"0s\",\"severity\":\"warning\",\"cooldown\":\"0s\",\"channels\":[\"ops\"],"
                        + "\"for\":\"2m\"}",
                AlertRules.write(r));
    }
}
