package warden.host.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import warden.host.bus.Addresses;
import warden.host.chat.PlayerEvent;
import warden.host.metrics.Aggregates;
import warden.host.metrics.Sample;
import warden.host.metrics.SystemSummary;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginInfo;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.OutputLine;

/**
 * An in-memory host for the HTTP tests: children whose state changes only when asked, samples the test adds, and the
 * same event-bus notifications the real supervisor and sampler publish. Used on the test's Vert.x context.
 */
final class FakeBackend implements Backend {

    private final Vertx vertx;
    private final Map<String, ChildStatus> children = new LinkedHashMap<>();
    private final Map<String, TreeMap<Instant, Sample>> samples = new LinkedHashMap<>();
    private final List<CrashRecord> crashes = new ArrayList<>();
    private final List<ControlEvent> controlEvents = new ArrayList<>();
    private final List<OutputLine> output = new ArrayList<>();
    final List<String> controls = new ArrayList<>();
    final List<String> chatLines = new ArrayList<>();

    FakeBackend(Vertx vertx) {
        this.vertx = vertx;
    }

    FakeBackend child(String id, ChildKind kind) {
        children.put(id, status(id, kind, ChildState.RUNNING, 0, 0));
        return this;
    }

    void crash(String id, Instant at, int exitCode, List<String> tail) {
        CrashRecord r = new CrashRecord(
                crashes.size() + 1,
                id,
                at,
                exitCode,
                exitCode == 137 ? "SIGKILL" : null,
                "exited",
                Duration.ofMinutes(3),
                1,
                "restart now",
                tail);
        crashes.add(0, r);
    }

    void output(String stream, String text, Instant at) {
        output.add(new OutputLine(at, stream, text));
    }

    /** The series names the real system probe uses. */
    private static final Map<String, Double> SYSTEM = Map.of(
            "cpu", 23.5,
            "cores", 2.0,
            "load1", 1.4,
            "memTotalBytes", 8.0e9,
            "memUsedBytes", 6.3e9,
            "disk.totalBytes:/", 100e9,
            "disk.usedBytes:/", 41e9,
            "netInBytesPerSec", 5300.0,
            "netOutBytesPerSec", 1200.0);

    /** Records one sample per child (values by child id), as history, without telling anyone. */
    void record(Instant at, Map<String, Map<String, Double>> byChild) {
        byChild.forEach((id, values) ->
                samples.computeIfAbsent(id, k -> new TreeMap<>()).put(at, new Sample(id, at, values)));
        samples.computeIfAbsent("system", k -> new TreeMap<>()).put(at, new Sample("system", at, SYSTEM));
    }

    /** Records one sample per child and publishes the tick like the sampler does. */
    void tick(Instant at, Map<String, Map<String, Double>> byChild) {
        record(at, byChild);
        JsonObject kids = new JsonObject();
        byChild.forEach((id, values) -> kids.put(id, new JsonObject(new LinkedHashMap<>(values))));
        Map<String, Double> system = SYSTEM;
        vertx.eventBus()
                .publish(
                        Addresses.METRICS_TICK,
                        new JsonObject()
                                .put("at", at.toString())
                                .put("children", kids)
                                .put("system", new JsonObject(new LinkedHashMap<>(system))));
    }

    @Override
    public List<ChildStatus> children() {
        return List.copyOf(children.values());
    }

    @Override
    public Optional<ChildStatus> child(String id) {
        return Optional.ofNullable(children.get(id));
    }

    @Override
    public Future<Void> control(String id, String action) {
        controls.add(action + " " + id);
        if (!action.equals("reload")) {
            controlEvents.add(0, new ControlEvent(id, Instant.now(), action, "requested"));
        }
        ChildStatus was = children.get(id);
        if (action.equals("restart")) {
            children.put(id, status(id, was.kind(), ChildState.RUNNING, was.restarts() + 1, was.crashes()));
            publishState(id, ChildState.STOPPING, ChildState.RUNNING, "restart requested");
            publishState(id, ChildState.STOPPED, ChildState.STOPPING, "restart requested");
            publishState(id, ChildState.STARTING, ChildState.STOPPED, "restart requested");
            publishState(id, ChildState.RUNNING, ChildState.STARTING, "ready");
        } else if (action.equals("stop")) {
            children.put(id, status(id, was.kind(), ChildState.STOPPED, was.restarts(), was.crashes()));
            publishState(id, ChildState.STOPPED, ChildState.STOPPING, "stop requested");
        }
        return Future.succeededFuture();
    }

    private void publishState(String id, ChildState state, ChildState previous, String reason) {
        vertx.eventBus()
                .publish(
                        Addresses.CHILD_STATE,
                        new JsonObject()
                                .put("id", id)
                                .put("kind", children.get(id).kind().name())
                                .put("state", state.name())
                                .put("previous", previous.name())
                                .put("reason", reason)
                                .put("at", Instant.now().toString()));
    }

    void publishOutput(String id, String text) {
        vertx.eventBus()
                .publish(
                        Addresses.CHILD_OUTPUT,
                        new JsonObject()
                                .put("id", id)
                                .put(
                                        "lines",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("at", Instant.now().toString())
                                                        .put("stream", "out")
                                                        .put("text", text))));
    }

    @Override
    public List<OutputLine> tail(String id, int max) {
        return output.subList(Math.max(0, output.size() - max), output.size());
    }

    @Override
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        return Future.succeededFuture(crashes.stream()
                .filter(c -> id == null || c.childId().equals(id))
                .limit(limit)
                .toList());
    }

    @Override
    public Future<List<ControlEvent>> controlEvents(String id, int limit) {
        return Future.succeededFuture(controlEvents.stream()
                .filter(e -> e.childId().equals(id))
                .limit(limit)
                .toList());
    }

    @Override
    public Optional<Sample> latest(String source) {
        TreeMap<Instant, Sample> s = samples.get(source);
        return s == null || s.isEmpty()
                ? Optional.empty()
                : Optional.of(s.lastEntry().getValue());
    }

    @Override
    public Future<List<Sample>> history(String source, Instant from, Instant to, Duration step) {
        TreeMap<Instant, Sample> s = samples.getOrDefault(source, new TreeMap<>());
        List<Sample> raw = List.copyOf(s.subMap(from, true, to, false).values());
        if (step == null) {
            return Future.succeededFuture(raw);
        }
        TreeMap<Long, List<Sample>> buckets = new TreeMap<>();
        raw.forEach(x -> buckets.computeIfAbsent(x.at().toEpochMilli() / step.toMillis(), k -> new ArrayList<>())
                .add(x));
        List<Sample> out = new ArrayList<>();
        buckets.forEach((b, list) -> {
            Map<String, Double> avg = new LinkedHashMap<>();
            list.get(0)
                    .values()
                    .keySet()
                    .forEach(k -> avg.put(
                            k,
                            list.stream()
                                    .mapToDouble(x -> x.values().getOrDefault(k, 0.0))
                                    .average()
                                    .orElse(0)));
            out.add(new Sample(source, Instant.ofEpochMilli(b * step.toMillis()), avg));
        });
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Aggregates> aggregates(String source, String series, Instant from, Instant to) {
        return history(source, from, to, null).map(list -> {
            double[] v = list.stream()
                    .map(x -> x.values().get(series))
                    .filter(x -> x != null)
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            if (v.length == 0) {
                return Aggregates.empty(source, series);
            }
            double avg = java.util.Arrays.stream(v).average().orElse(0);
            return new Aggregates(
                    source,
                    series,
                    v.length,
                    Duration.between(from, to),
                    avg,
                    v[0],
                    v[v.length - 1],
                    rank(v, 0.5),
                    rank(v, 0.95),
                    rank(v, 0.99));
        });
    }

    private static double rank(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    @Override
    public SystemSummary system() {
        return new SystemSummary(Duration.ofMinutes(42), children.size(), children.size(), 0, 0, 1234, 123_000_000);
    }

    @Override
    public Future<List<ReloadRecord>> reloads(String pluginId, int limit) {
        return Future.succeededFuture(List.of());
    }

    @Override
    public String pluginOf(String childId) {
        ChildStatus c = children.get(childId);
        return c != null && c.kind() == ChildKind.PLUGIN ? childId : null;
    }

    @Override
    public EventCounters counters(String pluginId) {
        return pluginOf(pluginId) == null
                ? null
                : new EventCounters(120, 118, 2, 0, 0, 1.2, 4.8, 0.0, Map.of("rolls", 77L), 0);
    }

    /** What {@code GET /api/v1/audit} serves; tests add entries. */
    final List<warden.host.chat.AuditEntry> audit = new ArrayList<>();

    @Override
    public Future<List<warden.host.chat.AuditEntry>> audit(int limit, Long before) {
        return Future.succeededFuture(audit.stream()
                .filter(e -> before == null || e.seq() < before)
                .sorted((a, b) -> Long.compare(b.seq(), a.seq()))
                .limit(limit)
                .toList());
    }

    /** The store the API's threshold routes use; without one they answer 503, as with metrics off. */
    ThresholdStore thresholdStore;

    @Override
    public ThresholdStore thresholds() {
        if (thresholdStore == null) {
            throw new Unavailable("metrics");
        }
        return thresholdStore;
    }

    @Override
    public List<PluginInfo> plugins() {
        return children.values().stream()
                .filter(c -> c.kind() == ChildKind.PLUGIN)
                .map(c -> new PluginInfo(c.id(), c.version(), "the " + c.id() + " plugin", List.of(c.id()), "bundled"))
                .toList();
    }

    @Override
    public List<String> games() {
        return List.of();
    }

    @Override
    public Map<String, Instant> onlineSince(String childId) {
        return Map.of();
    }

    @Override
    public List<PlayerEvent> playerEvents(String childId) {
        return List.of();
    }

    @Override
    public Future<List<String>> chat(String line) {
        chatLines.add(line);
        return Future.succeededFuture(List.of("echo: " + line));
    }

    private static ChildStatus status(String id, ChildKind kind, ChildState state, int restarts, int crashes) {
        Instant now = Instant.now();
        boolean alive = state.isAlive();
        return new ChildStatus(
                id,
                kind,
                state,
                now,
                "test",
                alive ? ProcessHandle.current().pid() : 0,
                alive ? now.minusSeconds(600) : null,
                kind == ChildKind.PLUGIN ? "1.0.0" : null,
                0,
                restarts,
                crashes,
                null);
    }
}
