package warden.host.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Rule;
import warden.host.config.AlertsConfig.Severity;
import warden.host.supervisor.ChildKind;

/** A public door into the package-private evaluator, for the JMH benchmark in warden.host.bench. Test code. */
public final class BenchAccess {

    private static final String[] SERIES = {"cpu", "rssBytes", "threads", "openFiles", "readBytesPerSec"};

    private final Evaluator evaluator;
    private final Map<String, Map<String, Object>> children = new LinkedHashMap<>();
    private final Map<String, Object> host = new HashMap<>();
    private final Map<String, Object> system = new HashMap<>();
    private final Set<String> running;

    /**
     * {@code rules} rules (the six built-ins, the rest series rules over five series with spread thresholds, a tenth of
     * them on a glob) against {@code childCount} running children whose values make about one pair in ten hold.
     */
    public BenchAccess(int rules, int childCount) {
        Outbox none = new Outbox() {
            @Override
            public void transition(Track t, AlertState from, long atMs) {}

            @Override
            public void notice(Track t, Notice kind, long atMs) {}

            @Override
            public void suppressed(Track t, Notice kind, String why, long atMs) {}
        };
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        evaluator = new Evaluator(clock, new Silences(), none, s -> ChildKind.SERVICE);
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule r : Builtins.of(AlertsConfig.DEFAULT)) {
            compiled.add(new CompiledRule(r, CompiledRule.Origin.BUILTIN, Duration.ofHours(4)));
        }
        for (int i = compiled.size(); i < rules; i++) {
            String scope = i % 10 == 0 ? "child-1*" : "*";
            Rule r = new Rule(
                    "r" + i,
                    SERIES[i % SERIES.length],
                    null,
                    scope,
                    ">",
                    90.0 + (i % 10),
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    Severity.WARNING,
                    null,
                    null,
                    List.of());
            compiled.add(new CompiledRule(r, CompiledRule.Origin.FILE, Duration.ofHours(4)));
        }
        evaluator.rules(compiled);
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < childCount; c++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String s : SERIES) {
                values.put(s, c % 10 == 0 ? 99.5 : 50.0);
            }
            values.put("pid", 1000.0 + c);
            values.put("uptimeSeconds", 3600.0);
            children.put("child-" + c, values);
            ids.add("child-" + c);
        }
        running = Set.copyOf(ids);
        system.put("cpu", 20.0);
        system.put("disk.usedBytes:/", 50.0);
        system.put("disk.totalBytes:/", 100.0);
        host.put("cpu", 1.0);
    }

    /** One tick; returns the open alerts' count so the work cannot be optimised away. */
    public int tick() {
        evaluator.tick(children, host, system, running);
        return evaluator.rules().size();
    }

    public int open() {
        return evaluator.open().size();
    }
}
