package warden.host.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One reading of one source ({@code childId}, {@code "host"} or {@code "system"}) at one instant.
 *
 * <p>A series missing from {@code values} was not read at that instant: a gap, never a zero. A child that is not
 * running has a sample with no values (R4).
 */
public record Sample(String source, Instant at, Map<String, Double> values) {}
