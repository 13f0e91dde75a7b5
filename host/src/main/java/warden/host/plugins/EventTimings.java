package warden.host.plugins;

/**
 * Where the router reports each event's timings as they happen, for exporters that keep their own distributions (the
 * Prometheus and InfluxDB timers); the plugin's own counters keep recent percentiles regardless. Called on the host
 * context; must not block.
 */
public interface EventTimings {

    EventTimings NONE = new EventTimings() {
        @Override
        public void handled(String pluginId, long nanos) {}

        @Override
        public void waited(String pluginId, long nanos) {}
    };

    /** An event's handler round trip, from being sent to its result. */
    void handled(String pluginId, long nanos);

    /** How long an event queued for a plugin that was not ready waited before it was sent. */
    void waited(String pluginId, long nanos);
}
