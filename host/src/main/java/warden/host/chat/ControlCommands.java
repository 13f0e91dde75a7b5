package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import warden.host.plugins.PluginInfo;

/**
 * {@code !start}, {@code !stop}, {@code !restart} and {@code !reload}: the commands that change what runs, for admins
 * only. They are the only commands that may take long, so they share one rule: reply with the outcome when it comes
 * within {@link #CONTROL_PATIENCE}, otherwise with an "in progress" line and let the action finish on its own.
 */
final class ControlCommands {

    // Stopping a game server can take minutes; chat gets an "in progress" line instead of waiting that long.
    static final Duration CONTROL_PATIENCE = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Host host;
    private final ChildNames names;
    private final String prefix;

    ControlCommands(Vertx vertx, Host host, ChildNames names, String prefix) {
        this.vertx = vertx;
        this.host = host;
        this.names = names;
        this.prefix = prefix;
    }

    Future<List<String>> reload(List<String> args) {
        String id = args.isEmpty() ? "" : args.get(0);
        if (host.plugins().stream().noneMatch(p -> p.id().equals(id))) {
            throw new IllegalArgumentException("usage: " + prefix + "reload <plugin>; plugins: "
                    + host.plugins().stream().map(PluginInfo::id).collect(Collectors.joining(", ")));
        }
        return patiently(
                host.reload(id)
                        .compose(r -> r.ok()
                                ? Future.succeededFuture(List.of("reloaded " + id + " " + r.fromVersion() + " -> "
                                        + r.toVersion() + " in " + r.took().toMillis() + " ms"))
                                : Future.<List<String>>failedFuture("reload " + id + " failed: " + r.reason())),
                "reload " + id);
    }

    /** {@code verb} is {@code restart}, {@code stop} or {@code start}. */
    Future<List<String>> control(String verb, List<String> args) {
        String id = names.required(args, verb);
        Future<Void> action =
                switch (verb) {
                    case "restart" -> host.restart(id);
                    case "stop" -> host.stop(id);
                    default -> host.start(id);
                };
        String past = verb.equals("stop") ? "stopped" : verb + "ed";
        return patiently(
                action.transform(ar -> ar.succeeded()
                        ? Future.succeededFuture(List.of(past + " " + id))
                        : Future.failedFuture(
                                verb + " " + id + " failed: " + ar.cause().getMessage())),
                verb + " " + id);
    }

    private Future<List<String>> patiently(Future<List<String>> action, String what) {
        Promise<List<String>> reply = Promise.promise();
        long timer = vertx.setTimer(
                CONTROL_PATIENCE.toMillis(),
                t -> reply.tryComplete(List.of(what + " still in progress; see " + prefix + "status")));
        action.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                reply.tryComplete(ar.result());
            } else {
                reply.tryFail(ar.cause());
            }
        });
        return reply.future();
    }
}
