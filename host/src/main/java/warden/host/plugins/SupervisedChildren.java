package warden.host.plugins;

import io.vertx.core.Future;
import java.util.List;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.OutputLine;
import warden.host.supervisor.Supervisor;

/** Plugin children run by the host's supervisor, which restarts them and keeps their crash records. */
final class SupervisedChildren implements Children {

    private final Supervisor supervisor;

    SupervisedChildren(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public void add(ChildSpec spec) {
        supervisor.add(spec);
    }

    @Override
    public Future<Void> start(String id) {
        return supervisor.start(id, "plugin start");
    }

    @Override
    public Future<Void> stop(String id) {
        return supervisor.stop(id);
    }

    @Override
    public Future<Void> restart(String id) {
        return supervisor.restart(id);
    }

    @Override
    public List<String> tail(String id, int max) {
        return supervisor.tail(id, max).stream().map(OutputLine::text).toList();
    }

    @Override
    public Future<Void> replace(ChildSpec next) {
        return supervisor.replace(next);
    }

    @Override
    public Future<Void> abandonReplace(String id, String why) {
        return supervisor.abandonReplace(id, why);
    }

    @Override
    public Future<Void> remove(String id) {
        return supervisor.remove(id);
    }
}
