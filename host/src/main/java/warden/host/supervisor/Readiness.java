package warden.host.supervisor;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * When a started child counts as RUNNING: when a line of its output matches {@code pattern}, after it has stayed up
 * for {@code settle}, or when its {@link ChildAttachment} says so ({@code external}). A child that is not ready within
 * {@code timeout} is killed and recorded as a crash ("not ready within ...").
 *
 * <p>A settle time of zero means no check: RUNNING as soon as the process exists.
 */
public record Readiness(Pattern pattern, Duration settle, boolean external, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public static Readiness pattern(String regex) {
        return new Readiness(Pattern.compile(regex), null, false, DEFAULT_TIMEOUT);
    }

    public static Readiness settle(Duration settle) {
        return new Readiness(null, settle, false, DEFAULT_TIMEOUT);
    }

    public static Readiness external(Duration timeout) {
        return new Readiness(null, null, true, timeout);
    }

    public Readiness withTimeout(Duration timeout) {
        return new Readiness(pattern, settle, external, timeout);
    }
}
