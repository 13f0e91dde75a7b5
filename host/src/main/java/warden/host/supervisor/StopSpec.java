package warden.host.supervisor;

import java.time.Duration;

/**
 * How a child is stopped on request: write {@code command} to its stdin (if set) and wait {@code timeout}; then
 * SIGTERM and wait {@code timeout} again; then SIGKILL.
 */
public record StopSpec(String command, Duration timeout) {

    public static final StopSpec DEFAULT = new StopSpec(null, Duration.ofSeconds(10));
}
