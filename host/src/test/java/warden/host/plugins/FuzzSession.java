package warden.host.plugins;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import warden.host.supervisor.ChildChannel;
import warden.protocol.Event;

/**
 * One plugin child's stdout, played into a real {@link PluginConnection} and {@link PluginSlot}: three events are sent
 * as soon as it is ready, so results have something to answer. What the connection did is kept: the verdicts it gave
 * the supervisor, and whatever it threw (which must be nothing).
 */
final class FuzzSession {

    private static final PluginConnection.Limits LIMITS =
            new PluginConnection.Limits(Duration.ofHours(1), Duration.ofSeconds(10), 3);

    final List<String> verdicts = new ArrayList<>();
    final List<Throwable> thrown = new ArrayList<>();
    int frames;

    /** The verdict that ended the child, or null when every line was accepted. */
    String failure() {
        return verdicts.stream().filter(v -> !v.startsWith("ready")).findFirst().orElse(null);
    }

    static FuzzSession play(Vertx vertx, List<String> lines) {
        FuzzSession s = new FuzzSession();
        Descriptor d =
                new Descriptor(FrameArbitraries.ID, "1.0", "", "", List.of(), Path.of("p.jar"), List.of(), null, "");
        PluginSlot slot = new PluginSlot(d, 10, () -> {});
        long[] now = {0};
        PluginConnection c = new PluginConnection(vertx, slot, LIMITS, 0, () -> now[0]);
        c.started(new ChildChannel() {
            @Override
            public void write(String line) {}

            @Override
            public void ready(String version) {
                s.verdicts.add("ready " + version);
                for (int i = 0; i < 3; i++) {
                    slot.send(new Event.Command("x", List.of(), "", "", ""));
                }
            }

            @Override
            public void fail(String reason) {
                s.verdicts.add(reason);
            }

            @Override
            public long pid() {
                return 1;
            }
        });
        for (String line : lines) {
            now[0] += 1_000_000;
            s.frames++;
            try {
                c.stdout(line);
            } catch (Throwable t) {
                s.thrown.add(t);
            }
        }
        try {
            c.exited(137);
        } catch (Throwable t) {
            s.thrown.add(t);
        }
        return s;
    }

    /** What must hold for every session; the text of what did not, or null. */
    String broken() {
        if (!thrown.isEmpty()) {
            return "the connection threw " + thrown.get(0);
        }
        List<String> failures =
                verdicts.stream().filter(v -> !v.startsWith("ready")).toList();
        if (failures.size() > 1) {
            return "more than one verdict after a violation: " + failures;
        }
        String f = failure();
        if (f != null && (!f.startsWith("protocol violation: ") || f.contains("unreadable frame"))) {
            return "a violation without a protocol reason: " + f;
        }
        if (verdicts.stream().filter(v -> v.startsWith("ready")).count() > 1) {
            return "ready twice: " + verdicts;
        }
        return null;
    }
}
