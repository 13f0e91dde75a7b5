package warden.host.plugins;

import io.vertx.core.Future;
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

    /** Stops the child gracefully if it runs, and forgets it. */
    Future<Void> remove(String id);
}
