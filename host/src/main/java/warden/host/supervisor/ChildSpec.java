package warden.host.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the supervisor needs to run one child. Built by the config layer for services and by the plugin layer
 * for plugins.
 *
 * @param command the command line; the supervisor may wrap it (e.g. {@code setpriv --pdeathsig KILL}) to avoid orphans
 * @param workingDir null for the host's working directory
 * @param env added to the host's environment
 * @param readiness how STARTING becomes RUNNING
 * @param attachment null for a plain service; for a plugin, a fresh protocol handler per run
 * @param output how much of its output is captured; lines past it are dropped, counted and marked
 */
public record ChildSpec(
        String id,
        ChildKind kind,
        List<String> command,
        Path workingDir,
        Map<String, String> env,
        Readiness readiness,
        StopSpec stop,
        RestartSpec restart,
        Supplier<ChildAttachment> attachment,
        OutputLimit output) {

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("child " + id + " has no command");
        }
        command = List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        readiness = readiness == null ? Readiness.settle(Duration.ofSeconds(1)) : readiness;
        stop = stop == null ? StopSpec.DEFAULT : stop;
        restart = restart == null ? RestartSpec.DEFAULT : restart;
        output = output == null ? OutputLimit.DEFAULT : output;
    }

    /** With the default output limit. */
    public ChildSpec(
            String id,
            ChildKind kind,
            List<String> command,
            Path workingDir,
            Map<String, String> env,
            Readiness readiness,
            StopSpec stop,
            RestartSpec restart,
            Supplier<ChildAttachment> attachment) {
        this(id, kind, command, workingDir, env, readiness, stop, restart, attachment, null);
    }

    /** The same child with another readiness rule. */
    public ChildSpec withReadiness(Readiness readiness) {
        return new ChildSpec(id, kind, command, workingDir, env, readiness, stop, restart, attachment, output);
    }

    /** The same child with another output limit. */
    public ChildSpec withOutput(OutputLimit output) {
        return new ChildSpec(id, kind, command, workingDir, env, readiness, stop, restart, attachment, output);
    }

    /** A plain service with default readiness, stop and restart settings: handy in tests. */
    public static ChildSpec service(String id, List<String> command) {
        return new ChildSpec(id, ChildKind.SERVICE, command, null, Map.of(), null, null, null, null);
    }
}
