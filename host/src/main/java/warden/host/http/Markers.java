package warden.host.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;

/**
 * The markers on a child's charts, oldest first: starts, stops and restarts (asked for, at host start and shutdown, or
 * after a crash), crashes, and its plugin's reloads. Every source is persisted, so the markers outlive the host like
 * the history they annotate.
 */
final class Markers {

    /** {@code kind}: start, stop, restart, crash, reload. */
    record Marker(String at, String kind, String detail) {}

    static final int LIMIT = 500;

    private Markers() {}

    static List<Marker> of(List<ControlEvent> controls, List<CrashRecord> crashes, List<ReloadRecord> reloads) {
        List<Marker> out = new ArrayList<>(controls.size() + crashes.size() + reloads.size());
        controls.forEach(e -> out.add(new Marker(e.at().toString(), e.kind().wire(), e.detail())));
        crashes.forEach(
                c -> out.add(new Marker(c.at().toString(), "crash", "exit " + c.exitCode() + ": " + c.reason())));
        reloads.forEach(r -> out.add(
                new Marker(r.at().toString(), "reload", r.fromVersion() + " -> " + r.toVersion() + " " + r.outcome())));
        // ISO-8601 instants of one zone sort as text only at equal length; compare the instants.
        out.sort(Comparator.comparing(m -> java.time.Instant.parse(m.at())));
        return out;
    }
}
