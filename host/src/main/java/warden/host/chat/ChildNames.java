package warden.host.chat;

import java.util.List;
import java.util.Optional;
import warden.host.supervisor.ChildStatus;

/**
 * Which supervised child an admin means by a name typed in chat. Plugins are reloaded into new children
 * ({@code dice-roller.r2}), but admins keep typing the plugin id; the status, report and control commands all resolve
 * names here, so they agree on what a name means and say the same thing when it names nothing.
 */
final class ChildNames {

    private final Host host;
    private final String prefix;

    ChildNames(Host host, String prefix) {
        this.host = host;
        this.prefix = prefix;
    }

    /**
     * The child an admin means: for a plugin the child that serves it now ({@code dice-roller.r2} after two reloads),
     * otherwise the id itself.
     */
    Optional<String> resolve(String name) {
        String pluginChild = host.pluginChild(name);
        if (pluginChild != null) {
            return Optional.of(pluginChild);
        }
        return host.status(name).map(ChildStatus::id);
    }

    /**
     * The first argument, which must name a supervised child.
     *
     * @throws IllegalArgumentException with the usage or "no child named" reply
     */
    String required(List<String> args, String verb) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + prefix + verb + " <child>");
        }
        return resolve(args.get(0)).orElseThrow(() -> unknown(args.get(0)));
    }

    /** The reply to a name that is neither a plugin nor a child. */
    IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("no child named " + name + "; try " + prefix + "status");
    }
}
