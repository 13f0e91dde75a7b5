package warden.host.chat;

import java.util.List;
import java.util.Optional;
import warden.host.supervisor.ChildStatus;

/**
 * Which supervised child an admin means by a name typed in chat: its id, which for a plugin is the plugin id across
 * reloads. The status, report and control commands all resolve names here, so they say the same thing when a name
 * names nothing.
 */
final class ChildNames {

    private final Host host;
    private final String prefix;

    ChildNames(Host host, String prefix) {
        this.host = host;
        this.prefix = prefix;
    }

    /** The child named {@code name}; empty when there is none. */
    Optional<String> resolve(String name) {
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
