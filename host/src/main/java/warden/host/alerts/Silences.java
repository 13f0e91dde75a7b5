package warden.host.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The silences in force, as the {@link Evaluator} asks about them. Owned by the {@link AlertService}. */
final class Silences {

    private final List<Silence> all = new ArrayList<>();

    void add(Silence s) {
        all.add(s);
    }

    boolean remove(long id) {
        return all.removeIf(s -> s.id() == id);
    }

    /** The active silences at {@code at}; expired ones are dropped on the way. */
    List<Silence> active(Instant at) {
        all.removeIf(s -> !at.isBefore(s.until()));
        return List.copyOf(all);
    }

    /** Who silenced {@code rule} for {@code scope} and until when, or null when nothing does. */
    String silencedBy(String rule, String scope, long atMs) {
        if (all.isEmpty()) {
            return null;
        }
        Instant at = Instant.ofEpochMilli(atMs);
        for (Silence s : all) {
            if (s.matches(rule, scope, at)) {
                return "silenced (" + s.matcher() + ") by " + s.who() + " until " + s.until();
            }
        }
        return null;
    }
}
