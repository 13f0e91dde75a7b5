package warden.host.supervisor;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import warden.host.storage.Database;

/**
 * A supervisor on its own context, as the host verticle would hold it: tests call it through {@link #on}, which hops
 * to that context. {@link #close} stops every child, so no test leaves a process behind.
 */
final class TestHost implements AutoCloseable {

    final Vertx vertx;
    final Path dataDir;
    final Database db;
    final Context context;
    final Supervisor supervisor;

    TestHost(Vertx vertx, Path dataDir, Supervisor.Options options) throws Exception {
        this.vertx = vertx;
        this.dataDir = dataDir;
        this.db = Database.open(dataDir);
        this.context = vertx.getOrCreateContext();
        CompletableFuture<Supervisor> created = new CompletableFuture<>();
        context.runOnContext(v -> created.complete(new Supervisor(vertx, db, dataDir, Clock.systemUTC(), options)));
        this.supervisor = created.get(10, TimeUnit.SECONDS);
    }

    TestHost(Vertx vertx, Path dataDir) throws Exception {
        this(vertx, dataDir, Supervisor.Options.DEFAULT);
    }

    /** Runs {@code call} on the supervisor's context; the future completes there. */
    <T> Future<T> on(Function<Supervisor, Future<T>> call) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                call.apply(supervisor).onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }

    /** Adds the children and starts them all, on the context. */
    Future<Void> start(ChildSpec... specs) {
        return on(s -> {
            for (ChildSpec spec : specs) {
                s.add(spec);
            }
            return s.startAll();
        });
    }

    @Override
    public void close() throws Exception {
        on(Supervisor::close).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        db.close();
    }
}
