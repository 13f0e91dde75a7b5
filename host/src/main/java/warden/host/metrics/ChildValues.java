package warden.host.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.supervisor.ChildStatus;

/**
 * Turns one tick's child statuses and probe readings into one value map per source: the supervisor's numbers (pid,
 * uptime, restarts, crashes) and the {@link SeriesSource}s' series are added to what the probe measured. A child that
 * is not running, or whose process was gone, gives an empty map: a gap (R4). The measured maps are taken over and
 * filled in place: they are the sampler's, made new each tick. Runs on the host context.
 */
final class ChildValues {

    private static final Logger LOG = LoggerFactory.getLogger(ChildValues.class);
    private static final List<String> SUMMED =
            List.of("cpu", "rssBytes", "vmsBytes", "threads", "openFiles", "readBytesPerSec", "writeBytesPerSec");

    private ChildValues() {}

    static Map<String, Map<String, Double>> bySource(
            Instant at,
            List<ChildStatus> children,
            Map<String, Map<String, Double>> measuredById,
            List<SeriesSource> seriesSources) {
        Map<String, Map<String, Double>> bySource = new LinkedHashMap<>();
        for (ChildStatus c : children) {
            Map<String, Double> measured = measuredById.get(c.id());
            Map<String, Double> values = bySource.computeIfAbsent(c.id(), k -> new LinkedHashMap<>());
            if (!c.state().isAlive() || measured == null) {
                continue;
            }
            // Two generations of one plugin overlap during a reload: their resources add up, the rest is the newer
            // one's (the supervisor lists it later).
            Map<String, Double> previous = values.isEmpty() ? Map.of() : new HashMap<>(values);
            if (values.isEmpty()) {
                values = measured; // the sampler's own map, new each tick: filled in place rather than copied
                bySource.put(c.id(), values);
            } else {
                values.putAll(measured);
            }
            for (String series : SUMMED) {
                if (previous.containsKey(series) && measured.containsKey(series)) {
                    values.put(series, previous.get(series) + measured.get(series));
                }
            }
            values.put("pid", (double) c.pid());
            if (c.startedAt() != null) {
                values.put(
                        "uptimeSeconds",
                        Math.max(0, Duration.between(c.startedAt(), at).toMillis() / 1000.0));
            }
            values.put("restarts", (double) c.restarts());
            values.put("crashes", (double) c.crashes());
            for (SeriesSource s : seriesSources) {
                try {
                    values.putAll(s.read(c.id()));
                } catch (RuntimeException e) {
                    LOG.warn("series source {} failed for {}; the sample keeps the rest", s, c.id(), e);
                }
            }
        }
        return bySource;
    }
}
