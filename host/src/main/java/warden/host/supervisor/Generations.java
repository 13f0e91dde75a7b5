package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The blue/green overlap of one child id, when its program is replaced (a plugin's new jar). The new generation starts
 * on trial beside the serving one, as its own {@link Child} with the same id, log and tail but unpublished and never
 * restarted. The moment it is RUNNING it takes the child id (status, stdin, metrics, chat and the API all see it from
 * then on, its state published again) and the old generation retires: it stops unseen, after answering what it holds.
 * A trial that crashes before it is ready, or is abandoned, just ends; the serving generation never noticed.
 *
 * <p>So each {@code Child} keeps its own plain state machine, and a child id is one {@code Child} at a time to its
 * readers, with two processes behind it only for the seconds of a reload. Owned by {@link Supervisor}, on the host
 * context.
 */
final class Generations {

    private record Trial(Child next, Child serving, Promise<Void> done) {}

    private final Shared shared;
    /** Puts a generation in the supervisor's table under its child id. */
    private final BiConsumer<String, Child> serve;

    private final Map<String, Trial> trials = new HashMap<>();
    private final Set<Child> retiring = new LinkedHashSet<>();

    Generations(Shared shared, BiConsumer<String, Child> serve) {
        this.shared = shared;
        this.serve = serve;
    }

    /**
     * Starts {@code spec} as the next generation of {@code serving}'s id. Completes once it serves the id; fails with
     * the reason when it ended first or was {@link #abandon abandoned}.
     */
    Future<Void> replace(Child serving, ChildSpec spec) {
        String id = spec.id();
        if (trials.containsKey(id)) {
            return Future.failedFuture(
                    new IllegalStateException("a new generation of '" + id + "' is already starting"));
        }
        int number = serving.generation() + 1;
        Child next = new Child(spec, shared, serving.log(), serving.outputTail(), number);
        Trial t = new Trial(next, serving, Promise.promise());
        trials.put(id, t);
        next.trial(serving, s -> changed(t, s), "generation " + number + " starting beside " + serving.generation())
                .onFailure(e -> {
                    if (trials.remove(id, t)) {
                        t.done.tryFail(new IllegalStateException("could not start: " + e.getMessage()));
                    }
                });
        return t.done.future();
    }

    /** Stops the generation on trial for {@code id}, if there is one; the serving one is not touched. */
    Future<Void> abandon(String id, String why) {
        Trial t = trials.remove(id);
        if (t == null) {
            return Future.succeededFuture();
        }
        t.done.tryFail(new IllegalStateException(why));
        return t.next.stop(why);
    }

    /** Generations that run but do not serve their id (on trial or retiring), for the host's shutdown. */
    List<Child> unserved() {
        List<Child> out = new ArrayList<>(retiring);
        trials.values().forEach(t -> out.add(t.next));
        return out;
    }

    private void changed(Trial t, ChildState s) {
        String id = t.next.status().id();
        if (trials.get(id) != t) {
            return;
        }
        if (s == ChildState.RUNNING) {
            trials.remove(id);
            serve.accept(id, t.next);
            String version = t.next.status().version();
            t.next.promote("generation " + t.next.generation() + (version == null ? "" : " (version " + version + ")")
                    + " took over from generation " + t.serving.generation());
            retiring.add(t.serving);
            t.serving
                    .retire("replaced by generation " + t.next.generation())
                    .onComplete(ar -> retiring.remove(t.serving));
            t.done.tryComplete();
        } else if (s == ChildState.CRASHED || s == ChildState.STOPPED) {
            // Its held restarter takes a crashed trial on to STOPPED by itself.
            trials.remove(id);
            t.done.tryFail(new IllegalStateException(t.next.status().reason()));
        }
    }
}
