package warden.host.metrics;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * The newest sample of every source and what is read from it alone: the top children (R26) and the system summary
 * (R17). Apart from the windows because it holds only what this host run sampled: nothing is reloaded into it on
 * start, so a source reloaded from before a restart has history but no latest sample until its next tick. Confined to
 * the host context.
 */
final class LatestSamples {

    private final Map<String, Sample> latest = new LinkedHashMap<>();
    private final Map<String, Double> eventsTotal = new HashMap<>();

    /**
     * The series the summary's events total adds up over children: what each plugin was given, the "Events delivered"
     * of its page. Its last known value is kept, so a plugin that is down still counts what it had.
     */
    static final String EVENTS = "events.delivered";

    /** Replaces {@code sample.source()}'s latest; a child's last known {@link #EVENTS} is kept for the summary. */
    void put(Sample sample) {
        Double events = sample.values().get(EVENTS);
        if (events != null) {
            eventsTotal.put(sample.source(), events);
        }
        latest.put(sample.source(), sample);
    }

    Optional<Sample> get(String source) {
        return Optional.ofNullable(latest.get(source));
    }

    /** The {@code n} children with the highest latest value of {@code series}, highest first. */
    List<Sample> top(String series, int n) {
        return latest.values().stream()
                .filter(s ->
                        !s.source().equals(MetricsService.HOST) && !s.source().equals(MetricsService.SYSTEM))
                .filter(s -> s.values().containsKey(series))
                .sorted(Comparator.comparingDouble((Sample s) -> s.values().get(series))
                        .reversed())
                .limit(n)
                .toList();
    }

    /** The summary over {@code all} children; their resident memory is looked up once per child id. */
    SystemSummary summary(List<ChildStatus> all) {
        int running = 0;
        int crashed = 0;
        int failed = 0;
        long rss = 0;
        for (ChildStatus c : all) {
            running += c.state() == ChildState.RUNNING ? 1 : 0;
            crashed += c.state() == ChildState.CRASHED || c.state() == ChildState.BACKOFF ? 1 : 0;
            failed += c.state() == ChildState.FAILED ? 1 : 0;
        }
        for (String source :
                new LinkedHashSet<>(all.stream().map(ChildStatus::id).toList())) {
            rss += rssOf(source);
        }
        long events = (long)
                eventsTotal.values().stream().mapToDouble(Double::doubleValue).sum();
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        return new SystemSummary(
                uptime, all.size(), running, crashed, failed, events, rss + rssOf(MetricsService.HOST));
    }

    private long rssOf(String source) {
        Sample s = latest.get(source);
        Double v = s == null ? null : s.values().get("rssBytes");
        return v == null ? 0 : v.longValue();
    }
}
