package warden.host.plugins;

import java.time.Duration;
import java.time.Instant;

/** One reload of a plugin. {@code outcome} is "ok" or "failed"; {@code reason} says why it failed. */
public record ReloadRecord(
        String pluginId,
        Instant at,
        String fromVersion,
        String toVersion,
        String outcome,
        String reason,
        Duration took) {}
