package warden.host.chat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.metrics.SeriesSource;
import warden.host.metrics.SystemSummary;
import warden.host.plugins.Command;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadOutcome;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;

/**
 * The rest of the host as the chat tests see it: two children with known samples and aggregates, one plugin with one
 * command, and a record of every control call and console line, so replies can be checked to the character.
 */
class FakeHost implements Host {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    final Map<String, ChildStatus> children = new LinkedHashMap<>();
    final Map<String, Sample> latest = new LinkedHashMap<>();
    final Map<String, Aggregates> aggregates = new LinkedHashMap<>();
    final List<String> controls = new ArrayList<>();

    final List<String> sent = new ArrayList<>();
    final List<Command> dispatched = new ArrayList<>();
    final List<SeriesSource> sources = new ArrayList<>();
    final List<String> pluginEvents = new ArrayList<>();
    BiConsumer<String, String> pluginOutput;
    Consumer<String> onSend = line -> {};
    boolean gameRunning = true;

    FakeHost() {
        children.put("dice-roller", status("dice-roller", ChildKind.PLUGIN, ChildState.RUNNING, 0));
        children.put("game", status("game", ChildKind.SERVICE, ChildState.RUNNING, 0));
        children.put("eightball", status("eightball", ChildKind.PLUGIN, ChildState.CRASHED, 2));
        latest.put(
                "dice-roller",
                new Sample("dice-roller", T0, Map.of("cpu", 1.2, "rssBytes", 40.0 * 1024 * 1024, "threads", 15.0)));
        latest.put("game", new Sample("game", T0, Map.of("cpu", 34.0, "rssBytes", 1.5 * 1024 * 1024 * 1024)));
        aggregates.put(
                "dice-roller/cpu",
                new Aggregates("dice-roller", "cpu", 60, Duration.ofMinutes(5), 1.0, 0.2, 3.1, 0.9, 2.8, 3.0));
        aggregates.put(
                "dice-roller/rssBytes",
                new Aggregates(
                        "dice-roller",
                        "rssBytes",
                        60,
                        Duration.ofMinutes(5),
                        40.0 * 1024 * 1024,
                        39.0 * 1024 * 1024,
                        41.5 * 1024 * 1024,
                        40.0 * 1024 * 1024,
                        41.0 * 1024 * 1024,
                        41.5 * 1024 * 1024));
    }

    static ChildStatus status(String id, ChildKind kind, ChildState state, int crashes) {
        return new ChildStatus(
                id, kind, state, T0.minusSeconds(125), "test", 100, T0.minusSeconds(3600), "1.0", 0, 0, crashes, null);
    }

    @Override
    public List<ChildStatus> children() {
        return new ArrayList<>(children.values());
    }

    @Override
    public Optional<ChildStatus> status(String id) {
        return Optional.ofNullable(children.get(id));
    }

    @Override
    public Future<Void> start(String id) {
        controls.add("start " + id);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop(String id) {
        controls.add("stop " + id);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> restart(String id) {
        controls.add("restart " + id);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        if (!id.equals("eightball")) {
            return Future.succeededFuture(List.of());
        }
        return Future.succeededFuture(List.of(new CrashRecord(
                7,
                "eightball",
                T0.minusSeconds(180),
                137,
                "SIGKILL",
                "unresponsive",
                Duration.ofSeconds(302),
                2,
                "restart in 4s",
                List.of())));
    }

    @Override
    public boolean send(String id, String line) {
        if (!gameRunning) {
            return false;
        }
        sent.add(line);
        onSend.accept(line);
        return true;
    }

    @Override
    public Optional<Sample> latest(String source) {
        return Optional.ofNullable(latest.get(source));
    }

    @Override
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        Aggregates a = aggregates.get(source + "/" + series);
        return Future.succeededFuture(
                a != null ? a : new Aggregates(source, series, 0, Duration.ZERO, 0, 0, 0, 0, 0, 0));
    }

    @Override
    public SystemSummary system() {
        return new SystemSummary(Duration.ofMinutes(123), 3, 2, 1, 0, 1234, 512L * 1024 * 1024);
    }

    @Override
    public void addSeriesSource(SeriesSource source) {
        sources.add(source);
    }

    @Override
    public boolean handles(String commandName) {
        return commandName.equals("roll");
    }

    @Override
    public Future<List<String>> dispatch(Command command) {
        dispatched.add(command);
        return Future.succeededFuture(List.of(command.user() + " rolled 7"));
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.of(
                new PluginInfo("dice-roller", "1.0", "dice", List.of("roll"), "jar"),
                new PluginInfo("eightball", "1.0", "8ball", List.of("8ball"), "jar"));
    }

    @Override
    public EventCounters counters(String pluginId) {
        return new EventCounters(pluginId.equals("dice-roller") ? 120 : 4, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0);
    }

    @Override
    public Future<ReloadRecord> reload(String pluginId) {
        controls.add("reload " + pluginId);
        return Future.succeededFuture(
                new ReloadRecord(pluginId, T0, "1.0", "1.1", ReloadOutcome.OK, null, Duration.ofMillis(350)));
    }

    @Override
    public void chatEvent(String origin, String user, String text) {
        pluginEvents.add("chat " + origin + " " + user + ": " + text);
    }

    @Override
    public void onPluginOutput(BiConsumer<String, String> outbox) {
        pluginOutput = outbox;
    }
}
