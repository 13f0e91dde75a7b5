package warden.host.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import warden.host.config.ExportConfig;
import warden.host.config.HttpConfig;
import warden.host.export.Exporter;

/**
 * A metrics-enabled Vertx, a {@link FakeBackend}, its {@link Exporter} and a started {@link HttpApi} on port 0, all on one context as in
 * the host. Close it after the test.
 */
final class ApiFixture implements AutoCloseable {

    static final String TOKEN = "test-admin-token-0123456789";

    final Vertx vertx = Exporter.newVertx(new VertxOptions(), true);
    final Context context = vertx.getOrCreateContext();
    final FakeBackend backend = new FakeBackend(vertx);
    Exporter exporter;
    HttpApi api;

    /** Starts the API on the fixture's context; the future holds the port. */
    Future<Integer> start(HttpConfig config, Path dataDir, Clock clock) {
        Promise<Integer> port = Promise.promise();
        context.runOnContext(v -> {
            exporter = new Exporter(vertx, ExportConfig.DEFAULT, backend::children, Map.of());
            api = new HttpApi(vertx, config, dataDir, exporter, backend, clock);
            exporter.start().compose(x -> api.start()).onComplete(port);
        });
        return port.future();
    }

    static HttpConfig config() {
        return HttpConfig.listening("127.0.0.1", 0, TOKEN);
    }

    /** Runs {@code action} on the API's context (where the fake and the API live). */
    void onContext(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
