package warden.host.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import warden.host.config.AlertsConfig;
import warden.host.config.AlertsConfig.Event;
import warden.host.config.AlertsConfig.Rule;
import warden.host.config.AlertsConfig.Severity;

/** The rules every host has unless {@code alerts.builtin} switches them off. */
final class Builtins {

    private Builtins() {}

    static List<Rule> of(AlertsConfig config) {
        AlertsConfig.Builtin b = config.builtin();
        List<String> channels = List.of();
        List<Rule> rules = new ArrayList<>();
        if (b.crash()) {
            // Open until the child has run for 10 minutes: each further crash meanwhile is sent as a repeat with its
            // own details, instead of a firing and a resolve per restart.
            rules.add(event("crash", Event.CRASH, Severity.WARNING, Duration.ofMinutes(10), channels));
        }
        if (b.crashLoop()) {
            rules.add(event("crash-loop", Event.CRASH_LOOP, Severity.CRITICAL, Duration.ZERO, channels));
        }
        if (b.notReady()) {
            rules.add(event("not-ready", Event.NOT_READY, Severity.WARNING, Duration.ZERO, channels));
        }
        if (b.reloadFailed()) {
            rules.add(event("reload-failed", Event.RELOAD_FAILED, Severity.WARNING, Duration.ZERO, channels));
        }
        if (b.disk()) {
            rules.add(new Rule(
                    "disk-full",
                    "disk.usedPercent",
                    null,
                    "disk:*",
                    ">",
                    b.diskPercent(),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(5),
                    Severity.CRITICAL,
                    null,
                    null,
                    channels));
        }
        if (b.noSamples()) {
            rules.add(new Rule(
                    "no-samples",
                    null,
                    Event.NO_SAMPLES,
                    "*",
                    null,
                    null,
                    b.noSamplesFor(),
                    null,
                    Severity.WARNING,
                    null,
                    null,
                    channels));
        }
        return rules;
    }

    private static Rule event(String name, Event e, Severity s, Duration keepFiringFor, List<String> channels) {
        return new Rule(name, null, e, "*", null, null, null, keepFiringFor, s, null, null, channels);
    }
}
