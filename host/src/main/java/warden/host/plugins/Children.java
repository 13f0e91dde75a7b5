package warden.host.plugins;

import io.vertx.core.Future;
import java.util.List;
import warden.host.supervisor.ChildSpec;

/**
 * The part of the supervisor the plugin host uses. The real one is {@link SupervisedChildren}; tests run real child
 * JVMs through a small launcher of their own, until they can use the real supervisor.
 */
interface Children {

    void add(ChildSpec spec);

    Future<Void> start(String id);

    Future<Void> stop(String id);

    Future<Void> restart(String id);

    /** The last {@code max} lines the child wrote to stderr (its log), oldest first. */
    List<String> tail(String id, int max);

    /** Stops the child gracefully if it runs, and forgets it. */
    Future<Void> remove(String id);
}
