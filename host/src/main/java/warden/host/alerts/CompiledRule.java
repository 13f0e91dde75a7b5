package warden.host.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import warden.host.config.AlertsConfig.Event;
import warden.host.config.AlertsConfig.Rule;
import warden.host.supervisor.ChildKind;

/**
 * A checked rule made ready for the evaluator: the comparison as an operator, the scope as a matcher, and the rule's
 * tracks by source slot, so the per-tick loop does no parsing, no hashing of rule names and no allocation.
 *
 * <p>Owned by the {@link Evaluator}, on the host context.
 */
final class CompiledRule {

    /** Where the rule came from: built in, the config file, or stored through the API. */
    enum Origin {
        BUILTIN,
        FILE,
        STORED
    }

    private enum Op {
        GT,
        GE,
        LT,
        LE,
        EQ,
        NE;

        static Op of(String text) {
            return switch (text.strip()) {
                case ">" -> GT;
                case ">=" -> GE;
                case "<" -> LT;
                case "<=" -> LE;
                case "==" -> EQ;
                case "!=" -> NE;
                default -> throw new IllegalArgumentException("comparison " + text);
            };
        }
    }

    final Rule rule;
    final Origin origin;
    final String name;
    final String series;
    final Event event;
    final long holdForMs;
    final long keepFiringForMs;
    final long repeatMs;
    final long cooldownMs;
    private final Op op;
    private final double threshold;
    private final String scope;
    private final Pattern glob;
    private Track[] tracks = new Track[16];

    CompiledRule(Rule rule, Origin origin, Duration defaultRepeat) {
        this.rule = rule;
        this.origin = origin;
        this.name = rule.name();
        this.series = rule.series();
        this.event = rule.event();
        this.holdForMs = rule.holdFor().toMillis();
        this.keepFiringForMs = rule.keepFiringFor().toMillis();
        this.repeatMs = (rule.repeat() == null ? defaultRepeat : rule.repeat()).toMillis();
        this.cooldownMs = rule.cooldown().toMillis();
        this.op = rule.series() == null ? null : Op.of(rule.comparison());
        this.threshold = rule.threshold() == null ? Double.NaN : rule.threshold();
        this.scope = rule.scope();
        this.glob = scope.contains("*") || scope.contains("?") ? globOf(scope) : null;
    }

    boolean holds(double value) {
        return switch (op) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    Double threshold() {
        return rule.threshold();
    }

    /** Whether {@code source} (a child id, {@code host}, {@code system} or {@code disk:<mount>}) is in scope. */
    boolean covers(String source, ChildKind kind) {
        boolean special = source.equals(Sources.HOST) || source.equals(Sources.SYSTEM) || source.startsWith("disk:");
        if (scope.equals("host") || scope.equals("system")) {
            return source.equals(scope);
        }
        if (scope.startsWith("disk:")) {
            return source.startsWith("disk:") && (scope.equals("disk:*") || scope.equals(source));
        }
        if (special) {
            return false;
        }
        if (scope.equals("*")) {
            return true; // the common case, checked for every running child on every tick: no regex
        }
        if (scope.startsWith("kind:")) {
            return kind != null && kind.name().equalsIgnoreCase(scope.substring(5));
        }
        return glob != null ? glob.matcher(source).matches() : scope.equals(source);
    }

    Track track(int slot) {
        return slot < tracks.length ? tracks[slot] : null;
    }

    void track(int slot, Track t) {
        if (slot >= tracks.length) {
            tracks = Arrays.copyOf(tracks, Math.max(slot + 1, tracks.length * 2));
        }
        tracks[slot] = t;
    }

    private static Pattern globOf(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return Pattern.compile(regex.toString());
    }
}
