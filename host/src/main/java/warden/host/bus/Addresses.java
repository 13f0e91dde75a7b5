package warden.host.bus;

/**
 * Every event-bus address the host uses, in one place, so the data flow can be read here.
 *
 * <p>All payloads are {@code JsonObject}s published locally (no clustering); each constant says who publishes and
 * what the body holds. Commands between capabilities are direct facade calls on the host context, not bus messages:
 * the bus carries notifications that several readers (SSE stream, chat, alerts, metrics) follow.
 */
public final class Addresses {

    /** Supervisor: a child changed state. {@code {id, kind, state, previous, reason, at, pid?, exitCode?}}. */
    public static final String CHILD_STATE = "warden.supervisor.state";

    /** Supervisor: a child exited unexpectedly; the body is a {@code CrashRecord} as JSON (without the tail). */
    public static final String CHILD_CRASH = "warden.supervisor.crash";

    /** Supervisor: lines a child wrote, batched. {@code {id, lines: [{at, stream, text}]}}. */
    public static final String CHILD_OUTPUT = "warden.supervisor.output";

    /** Metrics: one sampler tick finished. {@code {at, children: {id: {series: value}}, system: {...}}}. */
    public static final String METRICS_TICK = "warden.metrics.tick";

    /** Plugins: a reload finished, well or not. {@code {id, at, fromVersion, toVersion, outcome, reason?, millis}}. */
    public static final String PLUGIN_RELOAD = "warden.plugins.reload";

    /** Chat: a player joined or left the game server. {@code {childId, player, event: join|leave, players, at}}. */
    public static final String GAME_PLAYER = "warden.chat.player";

    /** Chat: an admin action was taken from any connector. {@code {at, who, where, command, outcome}}. */
    public static final String AUDIT = "warden.chat.audit";

    private Addresses() {}
}
