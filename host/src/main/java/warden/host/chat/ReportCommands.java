package warden.host.chat;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.PluginInfo;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;

/**
 * {@code !metrics}, {@code !top} and {@code !crashes}: how much the children use and how they died, for admins only
 * (what a process costs tells a guest about the machine). They read stored samples and crash records, so they
 * summarize in chat and point to the dashboard for the rest.
 */
final class ReportCommands {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private static final int TOP = 5;

    private final Host host;
    private final ChildNames names;
    private final Clock clock;
    private final String prefix;
    private final String dashboardUrl;

    ReportCommands(Host host, ChildNames names, Clock clock, String prefix, String dashboardUrl) {
        this.host = host;
        this.names = names;
        this.clock = clock;
        this.prefix = prefix;
        this.dashboardUrl = dashboardUrl;
    }

    Future<List<String>> metrics(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(
                    "usage: " + prefix + "metrics <child> [window], e.g. " + prefix + "metrics dice-roller 5m");
        }
        // A source with samples ("host", "system") is answered too, though it is no child.
        String name = args.get(0);
        String id = host.latest(name)
                .map(sample -> name)
                .or(() -> names.resolve(name))
                .orElseThrow(() -> names.unknown(name));
        Duration window = args.size() > 1 ? ChatText.window(args.get(1)) : DEFAULT_WINDOW;
        Optional<Sample> latest = host.latest(id);
        Instant to = clock.instant();
        Instant from = to.minus(window);
        Future<Aggregates> cpu = host.aggregates(id, "cpu", from, to);
        Future<Aggregates> rss = host.aggregates(id, "rssBytes", from, to);
        String w = ChatText.windowName(window);
        return Future.all(cpu, rss)
                .map(done -> List.of(
                        now(id, latest, host.thresholds(), host.latest("system")),
                        "cpu " + w + ": " + summary(cpu.result(), ChatText::percent),
                        "rss " + w + ": " + summary(rss.result(), ChatText::bytes)));
    }

    /** The badge levels the dashboard shows, from the same threshold store: " (warn)" or " (crit)" after a value. */
    private static String now(String id, Optional<Sample> latest, ThresholdStore thresholds, Optional<Sample> system) {
        if (latest.isEmpty() || latest.get().values().isEmpty()) {
            return id + " now: not running (no sample)";
        }
        var v = latest.get().values();
        List<String> parts = new ArrayList<>();
        if (v.containsKey("cpu")) {
            parts.add("cpu " + ChatText.percent(v.get("cpu"))
                    + level(thresholds, id, ThresholdStore.Metric.CPU, v.get("cpu")));
        }
        if (v.containsKey("rssBytes")) {
            Double total = system.map(s -> s.values().get("memTotalBytes")).orElse(null);
            parts.add("rss " + ChatText.bytes(v.get("rssBytes"))
                    + (total == null || total <= 0
                            ? ""
                            : level(thresholds, id, ThresholdStore.Metric.MEMORY, 100 * v.get("rssBytes") / total)));
        }
        if (v.containsKey("threads")) {
            parts.add(Math.round(v.get("threads")) + " threads");
        }
        if (v.containsKey("players")) {
            parts.add(ChatText.count(Math.round(v.get("players")), "player", "players"));
        }
        return id + " now: " + String.join(", ", parts);
    }

    private static String level(ThresholdStore thresholds, String id, ThresholdStore.Metric metric, double percent) {
        if (thresholds == null) {
            return "";
        }
        String level = thresholds.child(id, metric).level(percent);
        return level.equals("ok") ? "" : " (" + level + ")";
    }

    private static String summary(Aggregates a, DoubleFunction<String> unit) {
        if (a == null || a.count() == 0) {
            return "no samples";
        }
        String s = "avg " + unit.apply(a.avg()) + " min " + unit.apply(a.min()) + " max " + unit.apply(a.max());
        if (!Double.isNaN(a.p95())) {
            s += " p95 " + unit.apply(a.p95());
        }
        return s + " (" + ChatText.count(a.count(), "sample", "samples") + ")";
    }

    List<String> top(List<String> args) {
        String what = args.isEmpty() ? "cpu" : args.get(0);
        record Entry(String id, double value) {}
        List<Entry> entries = new ArrayList<>();
        switch (what) {
            case "cpu", "mem" -> {
                String series = what.equals("cpu") ? "cpu" : "rssBytes";
                for (ChildStatus c : host.children()) {
                    host.latest(c.id())
                            .map(s -> s.values().get(series))
                            .ifPresent(v -> entries.add(new Entry(c.id(), v)));
                }
            }
            case "events" -> {
                for (PluginInfo p : host.plugins()) {
                    entries.add(new Entry(p.id(), host.counters(p.id()).delivered()));
                }
            }
            default -> throw new IllegalArgumentException("usage: " + prefix + "top [cpu|mem|events]");
        }
        if (entries.isEmpty()) {
            return List.of("top " + what + ": no samples yet");
        }
        entries.sort(Comparator.comparingDouble(Entry::value).reversed());
        String list = entries.stream()
                .limit(TOP)
                .map(e -> e.id() + " "
                        + switch (what) {
                            case "cpu" -> ChatText.percent(e.value());
                            case "mem" -> ChatText.bytes(e.value());
                            default -> String.valueOf(Math.round(e.value()));
                        })
                .collect(Collectors.joining(", "));
        return List.of("top " + what + (what.equals("events") ? " (delivered since start): " : ": ") + list);
    }

    Future<List<String>> crashes(List<String> args) {
        String id = names.required(args, "crashes");
        int total = host.status(id).map(ChildStatus::crashes).orElse(0);
        return host.crashes(id, 2).map(records -> {
            if (records.isEmpty()) {
                return List.of(id + ": no crashes recorded");
            }
            List<String> lines = new ArrayList<>();
            for (CrashRecord r : records) {
                lines.add(id + " crashed " + ChatText.ago(r.at(), clock.instant()) + ": exit " + r.exitCode()
                        + (r.likelySignal() == null ? "" : " (" + r.likelySignal() + ")") + " after "
                        + ChatText.duration(r.uptime()) + " up, " + r.reason() + "; " + r.decision());
            }
            lines.add(ChatText.count(total, "crash", "crashes") + " since the host started; all of them: "
                    + ChatText.dashboard(dashboardUrl, "#/children/" + id));
            return lines;
        });
    }
}
