package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.plugins.PluginInfo;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;

/**
 * The commands the host answers itself, in every connector. Replies are one to three short lines with units; what
 * does not fit points to the dashboard.
 *
 * <p>A mistake (unknown child, bad window, a control action that failed) is a failed future whose message is the
 * reply: {@link ChatService} sends it and records it as the outcome. Runs on the host context.
 */
final class AdminCommands {

    /** Anyone may run these: they say what runs, not how much it uses (R25 keeps metrics for admins). */
    static final Set<String> OPEN = Set.of("help", "status", "players", "plugins");

    static final Set<String> ALL = Set.of(
            "help", "status", "players", "plugins", "metrics", "top", "crashes", "restart", "stop", "start", "reload");

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    // Stopping a game server can take minutes; chat gets an "in progress" line instead of waiting that long.
    static final Duration CONTROL_PATIENCE = Duration.ofSeconds(10);

    private static final int TOP = 5;

    private final Vertx vertx;
    private final Host host;
    private final PlayerRoster roster;
    private final Clock clock;
    private final String prefix;
    private final String dashboardUrl;

    AdminCommands(Vertx vertx, Host host, PlayerRoster roster, Clock clock, String prefix, String dashboardUrl) {
        this.vertx = vertx;
        this.host = host;
        this.roster = roster;
        this.clock = clock;
        this.prefix = prefix;
        this.dashboardUrl = dashboardUrl;
    }

    boolean knows(String name) {
        return ALL.contains(name);
    }

    boolean adminOnly(String name) {
        return knows(name) && !OPEN.contains(name);
    }

    Future<List<String>> run(String name, List<String> args) {
        try {
            return switch (name) {
                case "help" -> Future.succeededFuture(help());
                case "status" -> Future.succeededFuture(status());
                case "players" -> Future.succeededFuture(players());
                case "plugins" -> Future.succeededFuture(plugins());
                case "metrics" -> metrics(args);
                case "top" -> Future.succeededFuture(top(args));
                case "crashes" -> crashes(args);
                case "reload" -> reload(args);
                default -> control(name, args);
            };
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private List<String> help() {
        String p = prefix;
        List<String> lines = new ArrayList<>();
        lines.add(p + "status " + p + "players " + p + "plugins · admins: " + p + "metrics <child> [5m] " + p
                + "top [cpu|mem|events] " + p + "crashes <child> " + p + "restart|stop|start|reload <child>");
        String pluginCommands = host.plugins().stream()
                .flatMap(info -> info.commands().stream())
                .map(c -> p + c)
                .distinct()
                .collect(Collectors.joining(" "));
        if (!pluginCommands.isEmpty()) {
            lines.add("plugins: " + pluginCommands);
        }
        return lines;
    }

    private List<String> status() {
        List<ChildStatus> children = host.children();
        long running =
                children.stream().filter(c -> c.state() == ChildState.RUNNING).count();
        List<ChildStatus> down =
                children.stream().filter(c -> c.state() != ChildState.RUNNING).toList();
        String first = children.size() + " children: " + running + " running, " + down.size() + " not running";
        try {
            var system = host.system();
            first += " · host up " + ChatText.duration(system.hostUptime()) + " · "
                    + ChatText.bytes(system.totalRssBytes()) + " RSS · " + system.eventsTotal() + " events";
        } catch (RuntimeException e) {
            // Metrics not sampled yet: the children's states are still worth saying.
        }
        List<String> lines = new ArrayList<>(List.of(first));
        if (!down.isEmpty()) {
            String list = down.stream()
                    .limit(4)
                    .map(c -> c.id() + " " + c.state() + " " + ago(c.stateSince()))
                    .collect(Collectors.joining(", "));
            lines.add("not running: " + list + (down.size() > 4 ? ", +" + (down.size() - 4) + " more" : ""));
        }
        return lines;
    }

    private List<String> players() {
        List<String> games = roster.games();
        if (games.isEmpty()) {
            return List.of("no game server is watched");
        }
        List<String> lines = new ArrayList<>();
        for (String game : games.subList(0, Math.min(3, games.size()))) {
            List<String> online = roster.online(game);
            if (online.isEmpty()) {
                lines.add(game + ": nobody online");
            } else {
                String names = String.join(", ", online.subList(0, Math.min(10, online.size())));
                lines.add(game + ": " + online.size() + " online: " + names
                        + (online.size() > 10 ? ", +" + (online.size() - 10) + " more" : ""));
            }
        }
        return lines;
    }

    private List<String> plugins() {
        List<PluginInfo> plugins = host.plugins();
        if (plugins.isEmpty()) {
            return List.of("no plugins loaded");
        }
        String list = plugins.stream()
                .limit(6)
                .map(info -> info.id() + " " + info.version() + " "
                        + resolve(info.id())
                                .flatMap(host::status)
                                .map(s -> s.state().toString())
                                .orElse("?"))
                .collect(Collectors.joining(", "));
        String line = plugins.size() + " plugins: " + list;
        return plugins.size() > 6
                ? List.of(line, "+" + (plugins.size() - 6) + " more: " + dashboard("#/plugins"))
                : List.of(line);
    }

    private Future<List<String>> metrics(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(
                    "usage: " + prefix + "metrics <child> [window], e.g. " + prefix + "metrics dice-roller 5m");
        }
        // Metrics keeps one source per plugin across reload generations, so the name as typed comes first.
        String name = args.get(0);
        String id = host.latest(name)
                .map(sample -> name)
                .or(() -> resolve(name))
                .orElseThrow(
                        () -> new IllegalArgumentException("no child named " + name + "; try " + prefix + "status"));
        Duration window = args.size() > 1 ? ChatText.window(args.get(1)) : DEFAULT_WINDOW;
        Optional<Sample> latest = host.latest(id);
        Instant to = clock.instant();
        Instant from = to.minus(window);
        Future<Aggregates> cpu = host.aggregates(id, "cpu", from, to);
        Future<Aggregates> rss = host.aggregates(id, "rssBytes", from, to);
        String w = ChatText.windowName(window);
        return Future.all(cpu, rss)
                .map(done -> List.of(
                        now(id, latest),
                        "cpu " + w + ": " + summary(cpu.result(), ChatText::percent),
                        "rss " + w + ": " + summary(rss.result(), ChatText::bytes)));
    }

    private static String now(String id, Optional<Sample> latest) {
        if (latest.isEmpty() || latest.get().values().isEmpty()) {
            return id + " now: not running (no sample)";
        }
        var v = latest.get().values();
        List<String> parts = new ArrayList<>();
        if (v.containsKey("cpu")) {
            parts.add("cpu " + ChatText.percent(v.get("cpu")));
        }
        if (v.containsKey("rssBytes")) {
            parts.add("rss " + ChatText.bytes(v.get("rssBytes")));
        }
        if (v.containsKey("threads")) {
            parts.add(Math.round(v.get("threads")) + " threads");
        }
        if (v.containsKey("players")) {
            parts.add(Math.round(v.get("players")) + " players");
        }
        return id + " now: " + String.join(", ", parts);
    }

    private static String summary(Aggregates a, java.util.function.DoubleFunction<String> unit) {
        if (a == null || a.count() == 0) {
            return "no samples";
        }
        String s = "avg " + unit.apply(a.avg()) + " min " + unit.apply(a.min()) + " max " + unit.apply(a.max());
        if (!Double.isNaN(a.p95())) {
            s += " p95 " + unit.apply(a.p95());
        }
        return s + " (" + a.count() + " samples)";
    }

    private List<String> top(List<String> args) {
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

    private Future<List<String>> crashes(List<String> args) {
        String id = child(args, "crashes");
        int total = host.status(id).map(ChildStatus::crashes).orElse(0);
        return host.crashes(id, 2).map(records -> {
            if (records.isEmpty()) {
                return List.of(id + ": no crashes recorded");
            }
            List<String> lines = new ArrayList<>();
            for (CrashRecord r : records) {
                lines.add(id + " crashed " + ago(r.at()) + ": exit " + r.exitCode()
                        + (r.likelySignal() == null ? "" : " (" + r.likelySignal() + ")") + " after "
                        + ChatText.duration(r.uptime()) + " up, " + r.reason() + "; " + r.decision());
            }
            lines.add(total + " crashes since the host started; all of them: " + dashboard("#/children/" + id));
            return lines;
        });
    }

    private Future<List<String>> reload(List<String> args) {
        String id = args.isEmpty() ? "" : args.get(0);
        if (host.plugins().stream().noneMatch(p -> p.id().equals(id))) {
            throw new IllegalArgumentException("usage: " + prefix + "reload <plugin>; plugins: "
                    + host.plugins().stream().map(PluginInfo::id).collect(Collectors.joining(", ")));
        }
        return patiently(
                host.reload(id)
                        .compose(r -> r.outcome().equals("ok")
                                ? Future.succeededFuture(List.of("reloaded " + id + " " + r.fromVersion() + " -> "
                                        + r.toVersion() + " in " + r.took().toMillis() + " ms"))
                                : Future.<List<String>>failedFuture("reload " + id + " failed: " + r.reason())),
                "reload " + id);
    }

    private Future<List<String>> control(String verb, List<String> args) {
        String id = child(args, verb);
        Future<Void> action =
                switch (verb) {
                    case "restart" -> host.restart(id);
                    case "stop" -> host.stop(id);
                    default -> host.start(id);
                };
        String past = verb.equals("stop") ? "stopped" : verb + "ed";
        return patiently(
                action.transform(ar -> ar.succeeded()
                        ? Future.succeededFuture(List.of(past + " " + id))
                        : Future.failedFuture(
                                verb + " " + id + " failed: " + ar.cause().getMessage())),
                verb + " " + id);
    }

    /** The first argument, which must name a supervised child. */
    private String child(List<String> args, String verb) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + prefix + verb + " <child>");
        }
        return resolve(args.get(0))
                .orElseThrow(() ->
                        new IllegalArgumentException("no child named " + args.get(0) + "; try " + prefix + "status"));
    }

    /**
     * The child an admin means: for a plugin the child that serves it now ({@code dice-roller.r2} after two reloads),
     * otherwise the id itself.
     */
    private Optional<String> resolve(String name) {
        String pluginChild = host.pluginChild(name);
        if (pluginChild != null) {
            return Optional.of(pluginChild);
        }
        return host.status(name).map(ChildStatus::id);
    }

    private Future<List<String>> patiently(Future<List<String>> action, String what) {
        Promise<List<String>> reply = Promise.promise();
        long timer = vertx.setTimer(
                CONTROL_PATIENCE.toMillis(),
                t -> reply.tryComplete(List.of(what + " still in progress; see " + prefix + "status")));
        action.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                reply.tryComplete(ar.result());
            } else {
                reply.tryFail(ar.cause());
            }
        });
        return reply.future();
    }

    private String ago(Instant at) {
        return at == null ? "" : ChatText.duration(Duration.between(at, clock.instant())) + " ago";
    }

    private String dashboard(String path) {
        return dashboardUrl.isEmpty() ? "see the dashboard" : dashboardUrl.replaceAll("/$", "") + "/" + path;
    }
}
