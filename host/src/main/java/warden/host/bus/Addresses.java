package warden.host.bus;

/**
 * Every event-bus address the host uses, in one place, so the data flow can be read here.
 *
 * <p>Each address carries one immutable record, published locally (no clustering) with the local codec of {@link
 * Bus}, so every consumer gets the published instance itself, never a copy. The publishing capability registers
 * its addresses with their record types when its facade is built. JSON is made only at the edges (the SSE stream, the
 * REST API, exporters), by the record's own {@code toJson()}. Commands between capabilities are direct facade calls on
 * the host context, not bus messages: the bus carries notifications that several readers (SSE stream, chat, alerts,
 * metrics) follow.
 */
public final class Addresses {

    /** Supervisor: a child changed state. {@code supervisor.StateChange}. */
    public static final String CHILD_STATE = "warden.supervisor.state";

    /** Supervisor: a child exited unexpectedly, once the record is stored. {@code supervisor.CrashRecord}. */
    public static final String CHILD_CRASH = "warden.supervisor.crash";

    /** Supervisor: lines a child wrote, batched. {@code supervisor.OutputBatch}. */
    public static final String CHILD_OUTPUT = "warden.supervisor.output";

    /** Metrics: one sampler tick finished. {@code metrics.Tick}. */
    public static final String METRICS_TICK = "warden.metrics.tick";

    /** Plugins: a reload finished, well or not. {@code plugins.ReloadRecord}. */
    public static final String PLUGIN_RELOAD = "warden.plugins.reload";

    /** Chat: a player joined or left the game server. {@code bus.PlayerEvent}. */
    public static final String GAME_PLAYER = "warden.chat.player";

    /** Chat: an admin action was taken from any connector, once stored. {@code chat.AuditEntry}. */
    public static final String AUDIT = "warden.chat.audit";

    private Addresses() {}
}
