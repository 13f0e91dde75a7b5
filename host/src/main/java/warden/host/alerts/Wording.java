package warden.host.alerts;

import java.time.Duration;
import java.util.Locale;
import warden.host.config.Durations;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.CrashRecord;

/** The one-line summaries people read in every channel, worded in one place. */
final class Wording {

    private Wording() {}

    /** The summary of a series or no-samples track, as it stands. */
    static String of(Track t) {
        if (t.rule.series == null) {
            return "no metrics sample from " + t.scope + " for " + duration(Duration.ofMillis(t.rule.holdForMs));
        }
        return series(t);
    }

    /** {@code cpu of game is 93.2 (> 90) for 2m}. */
    static String series(Track t) {
        String held = t.rule.holdForMs > 0 ? " for " + duration(Duration.ofMillis(t.rule.holdForMs)) : "";
        return t.rule.series + " of " + t.scope + " is " + number(t.value) + " ("
                + t.rule.rule.comparison().strip() + " " + number(t.rule.threshold()) + ")" + held;
    }

    /** {@code game crashed: exit code 137 (SIGKILL), ...}. */
    static String crash(String source, CrashRecord crash) {
        String signal = crash.likelySignal();
        Duration up = crash.uptime() == null ? Duration.ZERO : crash.uptime();
        return source + " crashed: exit code " + crash.exitCode()
                + (signal == null ? "" : " (" + signal + ")")
                + ", " + crash.reason()
                + "; up " + duration(up)
                + "; " + crash.decision();
    }

    static String failed(String source, String reason, String lastCrash) {
        return source + " is FAILED: " + reason + (lastCrash == null ? "" : "; last crash: " + lastCrash);
    }

    static String reload(String plugin, ReloadRecord reload) {
        return "reload of " + plugin + " failed (" + reload.outcome().wire() + "): "
                + (reload.reason() == null ? "no reason given" : reload.reason()) + "; the running version stays";
    }

    /** {@code [FIRING critical] crash-loop game: game is FAILED: ...}: the line chat, Slack and Discord get. */
    static String line(Notice kind, Alert a) {
        return "[" + kind.name() + " " + a.severity().name().toLowerCase(Locale.ROOT) + "] " + a.rule() + " "
                + a.scope() + ": " + a.summary();
    }

    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "?";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString(v.longValue())
                : String.format(Locale.ROOT, "%.1f", v);
    }

    static String duration(Duration d) {
        return Durations.approximate(d);
    }
}
