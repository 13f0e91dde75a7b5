package warden.host.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the InfluxDB server is reachable, logged once per outage: one WARN when a call first fails, one INFO with
 * the outage's length when a call works again; the calls in between are quiet. A server that is down for a night
 * would otherwise fill the log with the same line every push step.
 *
 * <p>Called from the host context (the retention set-up) and from the push thread, hence synchronized.
 */
final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final String server;
    private final Clock clock;
    private Instant since;
    private int failures;

    Outage(String server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** A call failed because of {@code reason}; {@code next} says what Warden does meanwhile. */
    synchronized void failed(String what, String reason, String next) {
        failures++;
        if (since != null) {
            return;
        }
        since = clock.instant();
        LOG.warn("InfluxDB {}: {} failed: {}; {} (said once until it works again)", server, what, reason, next);
    }

    /** A call worked; ends the outage if there was one. */
    synchronized void worked(String what) {
        if (since == null) {
            return;
        }
        Duration down = Duration.between(since, clock.instant());
        LOG.info(
                "InfluxDB {}: {} works again, after {}s and {} failed calls", server, what, down.toSeconds(), failures);
        since = null;
        failures = 0;
    }

    /** Calls that failed in the current outage; 0 when there is none. */
    synchronized int failures() {
        return failures;
    }
}
