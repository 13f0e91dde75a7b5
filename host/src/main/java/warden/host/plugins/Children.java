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

    /**
     * Starts {@code next} beside the serving process of the same child id; completes once it serves the id (the old
     * process then stops after answering what it holds), fails when it ended before it was ready.
     */
    Future<Void> replace(ChildSpec next);

    /** Stops the new process of a {@link #replace} under way; the serving one is not touched. */
    Future<Void> abandonReplace(String id, String why);

    /** Stops the child gracefully if it runs, and forgets it. */
    Future<Void> remove(String id);
}
