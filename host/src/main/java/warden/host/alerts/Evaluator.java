package warden.host.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import warden.host.config.AlertsConfig.Event;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;

/**
 * Runs every rule against every metrics tick and every supervisor or plugin event, and moves each rule × scope along
 * {@link AlertState}; what is to be recorded, sent or held back goes to the {@link Outbox}.
 *
 * <p>The per-tick path is built for 100 rules × 100 children: per source, the rules covering it are grouped by series
 * once (a {@link Plan}, rebuilt when the rules change), so a tick does one map lookup per source and series and then
 * only compares numbers; tracks live in arrays indexed by source slot, and nothing is allocated unless a state
 * changes. Times come from the injected clock, never from the tick's payload, so tests drive time.
 *
 * <p>Owned by the {@link AlertService}, on the host context.
 */
final class Evaluator {

    /** The series rules covering one source, grouped by series. */
    private record Plan(String[] series, CompiledRule[][] rules) {}

    private static final Plan EMPTY = new Plan(new String[0], new CompiledRule[0][]);

    private final Clock clock;
    private final Silences silences;
    private final Outbox out;
    private final Function<String, ChildKind> kindOf;
    private final Sources sources = new Sources();
    private final List<Track> active = new ArrayList<>();
    private final Map<String, Long> lastResolved = new HashMap<>();
    private final Map<String, String> lastCrash = new HashMap<>();
    private List<CompiledRule> rules = List.of();
    private Plan[] plans = new Plan[16];
    private long tick;
    private long lastId;

    Evaluator(Clock clock, Silences silences, Outbox out, Function<String, ChildKind> kindOf) {
        this.clock = clock;
        this.silences = silences;
        this.out = out;
        this.kindOf = kindOf;
    }

    /** Alert ids continue after {@code id}: the highest one in the history. */
    void lastId(long id) {
        lastId = Math.max(lastId, id);
    }

    /** Replaces the rules; open alerts of a rule that is gone or changed end as RESOLVED, without a notification. */
    void rules(List<CompiledRule> next) {
        long now = clock.millis();
        for (Track t : active) {
            if (t.open() && !next.contains(t.rule)) {
                AlertState from = t.state;
                t.state = AlertState.RESOLVED;
                t.summary = "rule " + t.rule.name + " was changed or removed";
                out.transition(t, from, now);
            }
        }
        active.removeIf(t -> !t.open());
        rules = List.copyOf(next);
        plans = new Plan[plans.length];
    }

    List<CompiledRule> rules() {
        return rules;
    }

    /** Pending and firing alerts, oldest first. */
    List<Track> open() {
        return active.stream().filter(Track::open).toList();
    }

    /**
     * One metrics tick: {@code children} by source id (an empty map is a child with no sample), the host's and the
     * system's values, and the sources whose child is running (for the no-samples rules).
     */
    void tick(
            Map<String, ? extends Map<String, ?>> children,
            Map<String, ?> host,
            Map<String, ?> system,
            Set<String> running) {
        long now = clock.millis();
        tick++;
        for (Map.Entry<String, ? extends Map<String, ?>> e : children.entrySet()) {
            source(e.getKey(), e.getValue(), now);
        }
        source(Sources.HOST, host, now);
        source(Sources.SYSTEM, system, now);
        disks(system, now);
        for (CompiledRule r : rules) {
            if (r.event == Event.NO_SAMPLES) {
                for (String s : running) {
                    if (r.covers(s, kindOf.apply(s))) {
                        Map<String, ?> values = children.get(s);
                        boolean none = values == null || values.isEmpty();
                        see(r, sources.slot(s), s, none, Double.NaN, now);
                    }
                }
            }
        }
        sweep(now);
    }

    private void source(String source, Map<String, ?> values, long now) {
        if (values == null || values.isEmpty()) {
            return; // a gap: its open tracks are not seen this tick and count as false in the sweep
        }
        int slot = sources.slot(source);
        Plan plan = plan(slot, source);
        String[] series = plan.series;
        for (int i = 0; i < series.length; i++) {
            if (values.get(series[i]) instanceof Number n) {
                double v = n.doubleValue();
                for (CompiledRule r : plan.rules[i]) {
                    boolean holds = r.holds(v);
                    Track t = r.track(slot);
                    // The two cases of nearly every pair, kept small enough to inline: nothing open and nothing
                    // holds, or firing and still holding.
                    if (t == null) {
                        if (!holds) {
                            continue;
                        }
                    } else if (holds && t.state == AlertState.FIRING) {
                        t.seenTick = tick;
                        t.value = v;
                        t.falseSinceMs = -1;
                        continue;
                    }
                    see(r, slot, source, holds, v, now);
                }
            }
        }
    }

    /** The used share of each mount, from the system's {@code disk.usedBytes:<mount>} and {@code disk.totalBytes}. */
    private void disks(Map<String, ?> system, long now) {
        if (system == null) {
            return;
        }
        for (Map.Entry<String, ?> e : system.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("disk.usedBytes:")
                    && e.getValue() instanceof Number used
                    && system.get("disk.totalBytes:" + key.substring(15)) instanceof Number total
                    && total.doubleValue() > 0) {
                source(
                        "disk:" + key.substring(15),
                        Map.of("disk.usedPercent", 100.0 * used.doubleValue() / total.doubleValue()),
                        now);
            }
        }
    }

    private Plan plan(int slot, String source) {
        if (slot >= plans.length) {
            plans = Arrays.copyOf(plans, Math.max(slot + 1, plans.length * 2));
        }
        Plan plan = plans[slot];
        if (plan == null) {
            Map<String, List<CompiledRule>> bySeries = new java.util.LinkedHashMap<>();
            ChildKind kind = kindOf.apply(source);
            for (CompiledRule r : rules) {
                if (r.series != null && r.covers(source, kind)) {
                    bySeries.computeIfAbsent(r.series, k -> new ArrayList<>()).add(r);
                }
            }
            plan = bySeries.isEmpty()
                    ? EMPTY
                    : new Plan(
                            bySeries.keySet().toArray(String[]::new),
                            bySeries.values().stream()
                                    .map(l -> l.toArray(CompiledRule[]::new))
                                    .toArray(CompiledRule[][]::new));
            plans[slot] = plan;
        }
        return plan;
    }

    /** One observation of one rule for one source. Allocates only when a state changes. */
    private void see(CompiledRule r, int slot, String source, boolean holds, double value, long now) {
        Track t = r.track(slot);
        if (t == null || !t.open()) {
            if (!holds) {
                return;
            }
            t = new Track(r, source, slot, ++lastId, now);
            r.track(slot, t);
            active.add(t);
            t.value = value;
            t.summary = Wording.of(t);
            move(t, AlertState.PENDING, now);
        }
        t.seenTick = tick;
        t.value = value;
        if (!holds) {
            falseNow(t, now);
        } else {
            t.falseSinceMs = -1;
            if (t.state == AlertState.PENDING && now - t.sinceMs >= r.holdForMs) {
                t.summary = Wording.of(t);
                fire(t, now);
            }
        }
    }

    private void falseNow(Track t, long now) {
        if (t.state == AlertState.PENDING) {
            move(t, AlertState.INACTIVE, now);
            t.rule.track(t.slot, null);
        } else if (t.state == AlertState.FIRING) {
            if (t.falseSinceMs < 0) {
                t.falseSinceMs = now;
            }
            if (now - t.falseSinceMs >= t.rule.keepFiringForMs) {
                resolve(t, now);
            }
        }
    }

    // --- events ---

    /** A child crashed; {@code runningAgain}: it was restarted before the crash was reported. */
    void crash(String source, String summary, List<String> lines, boolean notReady, boolean runningAgain) {
        long now = clock.millis();
        event(Event.CRASH, source, summary, lines, now);
        if (notReady) {
            event(Event.NOT_READY, source, summary, lines, now);
        }
        if (runningAgain) {
            clear(Event.CRASH, source, now);
            clear(Event.NOT_READY, source, now);
        }
    }

    /** A child changed state: CRASHED is remembered for the FAILED alert, FAILED fires, RUNNING and STOPPED clear. */
    void state(String source, ChildState state, String reason, List<String> lines) {
        long now = clock.millis();
        switch (state) {
            case CRASHED -> lastCrash.put(source, reason);
            case FAILED -> {
                String crash = lastCrash.get(source);
                event(Event.CRASH_LOOP, source, Wording.failed(source, reason, crash), lines, now);
            }
            case RUNNING, STOPPED -> {
                clear(Event.CRASH, source, now);
                clear(Event.NOT_READY, source, now);
                clear(Event.CRASH_LOOP, source, now);
            }
            default -> {}
        }
    }

    /** A plugin reload finished. */
    void reload(String source, boolean ok, String summary) {
        long now = clock.millis();
        if (ok) {
            clear(Event.RELOAD_FAILED, source, now);
        } else {
            event(Event.RELOAD_FAILED, source, summary, List.of(), now);
        }
    }

    private void event(Event event, String source, String summary, List<String> lines, long now) {
        ChildKind kind = kindOf.apply(source);
        for (CompiledRule r : rules) {
            if (r.event == event && r.covers(source, kind)) {
                int slot = sources.slot(source);
                Track t = r.track(slot);
                boolean again = t != null && t.state == AlertState.FIRING;
                if (!again) {
                    t = new Track(r, source, slot, ++lastId, now);
                    r.track(slot, t);
                    active.add(t);
                    move(t, AlertState.PENDING, now);
                }
                t.summary = summary;
                t.lines = List.copyOf(lines);
                t.falseSinceMs = -1;
                if (again) {
                    notify(t, Notice.REPEAT, now, t.lastSentMs, "cooldown");
                } else {
                    fire(t, now);
                }
            }
        }
    }

    private void clear(Event event, String source, long now) {
        for (CompiledRule r : rules) {
            if (r.event == event) {
                Track t = r.track(sources.slot(source));
                if (t != null && t.state == AlertState.FIRING && t.falseSinceMs < 0) {
                    t.falseSinceMs = now;
                    if (r.keepFiringForMs == 0) {
                        resolve(t, now);
                    }
                }
            }
        }
    }

    // --- state changes and notifications ---

    /** Unseen series tracks count as false; event tracks resolve once clear for keepFiringFor; firing ones repeat. */
    private void sweep(long now) {
        for (int i = 0; i < active.size(); i++) {
            Track t = active.get(i);
            if (t.open()) {
                Event e = t.rule.event;
                if (e == null || e == Event.NO_SAMPLES) {
                    if (t.seenTick != tick) {
                        falseNow(t, now);
                    }
                } else if (t.falseSinceMs >= 0 && now - t.falseSinceMs >= t.rule.keepFiringForMs) {
                    resolve(t, now);
                }
                if (t.state == AlertState.FIRING && t.sent && now - t.lastSentMs >= t.rule.repeatMs) {
                    if (t.acknowledgedBy == null) {
                        notify(t, Notice.REPEAT, now, -1, null);
                    }
                    t.lastSentMs = now;
                }
            }
            if (!t.open()) {
                active.set(i, active.get(active.size() - 1));
                active.remove(active.size() - 1);
                i--;
            }
        }
    }

    private void fire(Track t, long now) {
        t.firingSinceMs = now;
        move(t, AlertState.FIRING, now);
        Long resolved = lastResolved.get(key(t));
        notify(t, Notice.FIRING, now, resolved == null ? -1 : resolved, "cooldown after the last resolve");
    }

    private void resolve(Track t, long now) {
        move(t, AlertState.RESOLVED, now);
        t.rule.track(t.slot, null);
        lastResolved.put(key(t), now);
        if (t.sent) {
            notify(t, Notice.RESOLVED, now, -1, null);
        }
    }

    /** Sends unless silenced, acknowledged (repeats only) or within the rule's cooldown after {@code coolFromMs}. */
    private void notify(Track t, Notice kind, long now, long coolFromMs, String coolWhy) {
        String why = silences.silencedBy(t.rule.name, t.scope, now);
        if (why == null && kind == Notice.REPEAT && t.acknowledgedBy != null) {
            why = "acknowledged by " + t.acknowledgedBy;
        }
        if (why == null && coolFromMs >= 0 && now - coolFromMs < t.rule.cooldownMs) {
            why = coolWhy;
        }
        if (why != null) {
            out.suppressed(t, kind, why, now);
            return;
        }
        if (kind == Notice.FIRING) {
            t.sent = true;
        }
        t.lastSentMs = now;
        out.notice(t, kind, now);
    }

    private void move(Track t, AlertState next, long now) {
        AlertState from = t.state;
        t.state = next;
        out.transition(t, from, now);
    }

    private static String key(Track t) {
        return t.rule.name + '\u0000' + t.scope;
    }

    /** Acknowledges the open alert {@code id}: no more repeats. False when no open alert has that id. */
    boolean ack(long id, String who) {
        for (Track t : active) {
            if (t.id == id && t.open()) {
                t.acknowledgedBy = who;
                return true;
            }
        }
        return false;
    }
}
