package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Event;
import warden.host.config.AlertsConfig.Rule;
import warden.host.config.AlertsConfig.Severity;
import warden.host.fixtures.TestClock;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;

/** The state machine's contract, as exact lists of what the evaluator records and sends, on a clock the test moves. */
class EvaluatorTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Silences silences = new Silences();
    private final List<String> seen = new ArrayList<>();
    private final Evaluator evaluator = new Evaluator(
            clock,
            silences,
            new Outbox() {
                @Override
                public void transition(Track t, AlertState from, long atMs) {
                    seen.add(at(atMs) + " " + t.rule.name + "/" + t.scope + " " + from + "->" + t.state);
                }

                @Override
                public void notice(Track t, Notice kind, long atMs) {
                    seen.add(at(atMs) + " send " + kind + " " + t.rule.name + "/" + t.scope);
                }

                @Override
                public void suppressed(Track t, Notice kind, String why, long atMs) {
                    seen.add(at(atMs) + " hold " + kind + " " + t.rule.name + "/" + t.scope + ": "
                            + why.split(" \\(|,| by")[0]);
                }
            },
            s -> s.startsWith("plugin") ? ChildKind.PLUGIN : ChildKind.SERVICE);

    private static Rule cpu(String name, Duration holdFor, Duration keepFiringFor, Duration repeat, Duration cooldown) {
        return new Rule(
                name,
                "cpu",
                null,
                "game*",
                ">",
                80.0,
                holdFor,
                keepFiringFor,
                Severity.WARNING,
                repeat,
                cooldown,
                List.of());
    }

    private void use(Rule... rules) {
        evaluator.rules(List.of(rules).stream()
                .map(r -> new CompiledRule(r, CompiledRule.Origin.FILE, Duration.ofHours(4)))
                .toList());
    }

    /** One tick at the current time with {@code cpu} for child game, then the clock moves {@code step}. */
    private void cpuTick(double cpu, Duration step) {
        evaluator.tick(Map.of("game", Map.of("cpu", cpu), "other", Map.of("cpu", 99.0)), Map.of(), Map.of(), Set.of());
        clock.advance(step);
    }

    private String at(long ms) {
        return Duration.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.ofEpochMilli(ms))
                        .toSeconds() + "s";
    }

    @Test
    void firesAfterForAndResolvesWhenTheConditionGoes() {
        use(cpu("hot", Duration.ofMinutes(2), Duration.ZERO, null, null));
        for (double v : new double[] {90, 50, 90, 95, 85, 90, 99, 40}) {
            cpuTick(v, Duration.ofSeconds(30));
        }
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "30s hot/game PENDING->INACTIVE",
                        "60s hot/game INACTIVE->PENDING",
                        "180s hot/game PENDING->FIRING",
                        "180s send FIRING hot/game",
                        "210s hot/game FIRING->RESOLVED",
                        "210s send RESOLVED hot/game"),
                seen);
    }

    @Test
    void keepFiringForHoldsThroughABriefDip() {
        use(cpu("hot", Duration.ZERO, Duration.ofMinutes(1), null, null));
        for (double v : new double[] {90, 50, 90, 50, 50, 50, 90}) {
            cpuTick(v, Duration.ofSeconds(30));
        }
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "0s hot/game PENDING->FIRING",
                        "0s send FIRING hot/game",
                        "150s hot/game FIRING->RESOLVED",
                        "150s send RESOLVED hot/game",
                        "180s hot/game INACTIVE->PENDING",
                        "180s hot/game PENDING->FIRING",
                        "180s send FIRING hot/game"),
                seen);
    }

    @Test
    void repeatsUntilAcknowledged() {
        use(cpu("hot", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(10), null));
        for (int i = 0; i <= 20; i++) {
            cpuTick(90, Duration.ofMinutes(1));
        }
        long id = evaluator.open().get(0).id;
        assertTrue(evaluator.ack(id, "irc:alice"));
        for (int i = 0; i <= 20; i++) {
            cpuTick(90, Duration.ofMinutes(1));
        }
        cpuTick(10, Duration.ofMinutes(1));
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "0s hot/game PENDING->FIRING",
                        "0s send FIRING hot/game",
                        "600s send REPEAT hot/game",
                        "1200s send REPEAT hot/game",
                        "2520s hot/game FIRING->RESOLVED",
                        "2520s send RESOLVED hot/game"),
                seen);
    }

    @Test
    void cooldownHoldsBackARefiringSoonAfterAResolve() {
        use(cpu("hot", Duration.ZERO, Duration.ZERO, null, Duration.ofMinutes(5)));
        cpuTick(90, Duration.ofMinutes(1));
        cpuTick(10, Duration.ofMinutes(1)); // resolved at 60s
        cpuTick(90, Duration.ofMinutes(1)); // 120s: within the cooldown
        cpuTick(10, Duration.ofMinutes(5)); // 180s: resolved, not sent (its firing was not)
        cpuTick(90, Duration.ofMinutes(1)); // 480s: 5 min after the last resolve
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "0s hot/game PENDING->FIRING",
                        "0s send FIRING hot/game",
                        "60s hot/game FIRING->RESOLVED",
                        "60s send RESOLVED hot/game",
                        "120s hot/game INACTIVE->PENDING",
                        "120s hot/game PENDING->FIRING",
                        "120s hold FIRING hot/game: cooldown after the last resolve",
                        "180s hot/game FIRING->RESOLVED",
                        "480s hot/game INACTIVE->PENDING",
                        "480s hot/game PENDING->FIRING",
                        "480s send FIRING hot/game"),
                seen);
    }

    @Test
    void aSilenceHoldsBackUntilItEnds() {
        use(cpu("hot", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2), null));
        Instant now = clock.instant();
        silences.add(new Silence(1, "child:game", now.plus(Duration.ofMinutes(3)), "irc:alice", null, now));
        cpuTick(90, Duration.ofMinutes(1));
        cpuTick(10, Duration.ofMinutes(1));
        cpuTick(90, Duration.ofMinutes(2)); // 120s, silenced
        cpuTick(90, Duration.ofMinutes(2)); // 240s: silence over; it fired unsent, so no repeat either
        cpuTick(10, Duration.ofMinutes(1)); // 360s resolved, not sent
        cpuTick(90, Duration.ofMinutes(1)); // 420s sent
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "0s hot/game PENDING->FIRING",
                        "0s hold FIRING hot/game: silenced",
                        "60s hot/game FIRING->RESOLVED",
                        "120s hot/game INACTIVE->PENDING",
                        "120s hot/game PENDING->FIRING",
                        "120s hold FIRING hot/game: silenced",
                        "360s hot/game FIRING->RESOLVED",
                        "420s hot/game INACTIVE->PENDING",
                        "420s hot/game PENDING->FIRING",
                        "420s send FIRING hot/game"),
                seen);
    }

    @Test
    void aChildThatStopsReportingResolvesItsSeriesAlert() {
        use(cpu("hot", Duration.ZERO, Duration.ZERO, null, null));
        cpuTick(90, Duration.ofSeconds(5));
        evaluator.tick(Map.of("game", Map.of()), Map.of(), Map.of(), Set.of());
        assertEquals(
                List.of(
                        "0s hot/game INACTIVE->PENDING",
                        "0s hot/game PENDING->FIRING",
                        "0s send FIRING hot/game",
                        "5s hot/game FIRING->RESOLVED",
                        "5s send RESOLVED hot/game"),
                seen);
    }

    @Test
    void builtInsFireOnCrashLoopDiskAndMissingSamples() {
        evaluator.rules(Builtins.of(AlertsConfig.DEFAULT).stream()
                .map(r -> new CompiledRule(r, CompiledRule.Origin.BUILTIN, Duration.ofHours(4)))
                .toList());
        evaluator.state("game", ChildState.CRASHED, "exit code 3, exited; failed: 5 crashes in 5m", List.of());
        evaluator.state("game", ChildState.FAILED, "crash loop: 5 crashes in 5m; retrying every 5m", List.of("boom"));
        assertEquals(
                "game is FAILED: crash loop: 5 crashes in 5m; retrying every 5m; last crash: exit code 3, exited;"
                        + " failed: 5 crashes in 5m",
                evaluator.open().get(0).summary);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> disk = Map.of("disk.usedBytes:/srv", 95.0, "disk.totalBytes:/srv", 100.0);
        evaluator.tick(Map.of("game", Map.of()), Map.of(), disk, Set.of("game"));
        clock.advance(Duration.ofMinutes(1));
        evaluator.tick(Map.of("game", Map.of()), Map.of(), disk, Set.of("game"));
        clock.advance(Duration.ofSeconds(10));
        evaluator.state("game", ChildState.RUNNING, "ready", List.of());
        assertEquals(
                List.of(
                        "0s crash-loop/game INACTIVE->PENDING",
                        "0s crash-loop/game PENDING->FIRING",
                        "0s send FIRING crash-loop/game",
                        "10s disk-full/disk:/srv INACTIVE->PENDING",
                        "10s no-samples/game INACTIVE->PENDING",
                        "70s disk-full/disk:/srv PENDING->FIRING",
                        "70s send FIRING disk-full/disk:/srv",
                        "70s no-samples/game PENDING->FIRING",
                        "70s send FIRING no-samples/game",
                        "80s crash-loop/game FIRING->RESOLVED",
                        "80s send RESOLVED crash-loop/game"),
                seen);
    }

    @Test
    void eachCrashWhileTheCrashAlertIsOpenIsSentAsARepeat() {
        evaluator.rules(List.of(new CompiledRule(
                new Rule(
                        "crash",
                        null,
                        Event.CRASH,
                        "kind:service",
                        null,
                        null,
                        null,
                        Duration.ofMinutes(10),
                        Severity.WARNING,
                        null,
                        null,
                        List.of()),
                CompiledRule.Origin.FILE,
                Duration.ofHours(4))));
        evaluator.crash("plugin-x", "plugin-x crashed", List.of(), false, false);
        evaluator.crash("game", "game crashed: exit code 3", List.of("a", "b"), false, false);
        clock.advance(Duration.ofSeconds(5));
        evaluator.state("game", ChildState.RUNNING, "", List.of());
        evaluator.crash("game", "game crashed: exit code 4", List.of(), false, false);
        assertEquals(
                List.of(
                        "0s crash/game INACTIVE->PENDING",
                        "0s crash/game PENDING->FIRING",
                        "0s send FIRING crash/game",
                        "5s send REPEAT crash/game"),
                seen);
        assertEquals("game crashed: exit code 4", evaluator.open().get(0).summary);
    }
}
