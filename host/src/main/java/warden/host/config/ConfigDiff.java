package warden.host.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between the configuration a host runs and the one just read: which services to start, stop, restart or
 * leave alone, and which other settings changed, split into those a running host takes over at once and those that
 * wait for a host restart. Paths are dotted field paths ({@code http.port}); values are never listed, so a changed
 * secret shows only as its path.
 *
 * @param added services in the new file only: they start
 * @param removed services in the old file only: they stop and are forgotten
 * @param changed services whose entry differs in any key: they restart with the new entry
 * @param unchanged services left running as they are
 * @param appliedLive settings that take effect without a restart
 * @param needsRestart settings that keep their old value until the host is restarted
 */
public record ConfigDiff(
        List<String> added,
        List<String> removed,
        List<String> changed,
        List<String> unchanged,
        List<String> appliedLive,
        List<String> needsRestart) {

    /** Settings the host applies while it runs (with everything under them); every other path waits for a restart. */
    public static final Set<String> LIVE = Set.of("http.thresholds", "http.childThresholds", "alerts");

    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        appliedLive = List.copyOf(appliedLive);
        needsRestart = List.copyOf(needsRestart);
    }

    /** Both are complete and valid, as {@link ConfigLoader} returns them. */
    public static ConfigDiff between(WardenConfig running, WardenConfig next) {
        Map<String, ServiceConfig> before = byId(running.services());
        Map<String, ServiceConfig> after = byId(next.services());
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        after.forEach((id, service) -> {
            ServiceConfig old = before.get(id);
            if (old == null) {
                added.add(id);
            } else if (old.equals(service)) {
                unchanged.add(id);
            } else {
                changed.add(id);
            }
        });
        List<String> removed = new ArrayList<>();
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(removed::add);

        List<String> settings = new ArrayList<>();
        for (RecordComponent rc : WardenConfig.class.getRecordComponents()) {
            if (!rc.getName().equals("services")) {
                differences(rc.getName(), value(rc, running), value(rc, next), settings);
            }
        }
        List<String> live = settings.stream().filter(ConfigDiff::isLive).toList();
        List<String> restart = settings.stream().filter(p -> !isLive(p)).toList();
        return new ConfigDiff(added, removed, changed, unchanged, live, restart);
    }

    /** True when applying it would change nothing at all. */
    public boolean isEmpty() {
        return added.isEmpty()
                && removed.isEmpty()
                && changed.isEmpty()
                && appliedLive.isEmpty()
                && needsRestart.isEmpty();
    }

    private static boolean isLive(String path) {
        return LIVE.stream().anyMatch(l -> path.equals(l) || path.startsWith(l + "."));
    }

    /** The leaf paths under {@code path} whose values differ; records are compared field by field. */
    private static void differences(String path, Object a, Object b, List<String> out) {
        if (a != null && b != null && a.getClass().isRecord() && a.getClass() == b.getClass()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                differences(path + "." + rc.getName(), value(rc, a), value(rc, b), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }

    private static Object value(RecordComponent rc, Object record) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + rc.getName() + " of " + record.getClass(), e);
        }
    }

    private static Map<String, ServiceConfig> byId(List<ServiceConfig> services) {
        Map<String, ServiceConfig> map = new LinkedHashMap<>();
        services.forEach(s -> map.put(s.id(), s));
        return map;
    }
}
