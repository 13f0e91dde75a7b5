package warden.host.plugins;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import warden.host.config.PluginsConfig;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.RestartSpec;
import warden.host.supervisor.StopSpec;
import warden.protocol.HostFrame;

/**
 * How the supervisor runs a plugin: its child (the plugin id, whatever its generation), the command line (the runner JVM for a jar, the
 * configured command for an external plugin), and the readiness, stop and restart rules of the wire protocol.
 */
final class ChildSpecs {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** The protocol's stop frame first: the child answers what it holds, says goodbye and exits. */
    static final StopSpec STOP = new StopSpec(Frames.encode(new HostFrame.Stop()), Duration.ofSeconds(5));
    // Always: a plugin that exits 0 on its own was not asked to, and a chat bot without its plugins is broken.
    static final RestartSpec RESTART = new RestartSpec(
            RestartSpec.Policy.ALWAYS,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            5,
            Duration.ofMinutes(5));

    private ChildSpecs() {}

    /**
     * The spec of one generation of plugin {@code d}: its child id is always the plugin id (a reload replaces the
     * program behind it), {@code generation} only tells the protocol connections of two overlapping versions apart.
     * {@code launch}: how a jar plugin's JVM runs the runner (with the class-data archive once it is built). */
    static ChildSpec forPlugin(
            Vertx vertx,
            PluginsConfig config,
            PluginSlot slot,
            Descriptor d,
            int generation,
            RunnerCommand.Launch launch) {
        List<String> command = d.jar() != null
                ? RunnerCommand.forJar(d.staged() != null ? d.staged() : d.jar(), config.heartbeat(), launch)
                : d.command();
        Map<String, Object> section = config.config().getOrDefault(d.id(), Map.of());
        Map<String, String> env = Map.of(
                "WARDEN_PLUGIN_CONFIG",
                new JsonObject(section).encode(),
                "WARDEN_HEARTBEAT_MILLIS",
                Long.toString(config.heartbeat().toMillis()));
        return new ChildSpec(
                d.id(),
                ChildKind.PLUGIN,
                command,
                null,
                env,
                Readiness.external(READY_TIMEOUT),
                STOP,
                RESTART,
                () -> new PluginConnection(vertx, slot, PluginConnection.Limits.of(config), generation));
    }
}
