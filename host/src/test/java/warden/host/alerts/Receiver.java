package warden.host.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server standing in for a webhook, Slack, Discord: it keeps every request it gets. {@code /fail} answers
 * 500, {@code /hang} never answers; anything else 200.
 */
final class Receiver implements AutoCloseable {

    record Request(String path, String signature, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Map<String, BlockingQueue<Request>> byPath = new ConcurrentHashMap<>();
    private final HttpServer server;

    Receiver(Vertx vertx) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    queue(req.path()).add(new Request(req.path(), req.getHeader("X-Warden-Signature"), b.toString()));
                    if (req.path().equals("/hang")) {
                        return;
                    }
                    req.response()
                            .setStatusCode(req.path().equals("/fail") ? 500 : 200)
                            .end("thanks");
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** The next request for {@code path}, waiting up to 20 s. */
    Request next(String path) throws InterruptedException {
        Request r = queue(path).poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request for " + path + " within 20 s");
        }
        return r;
    }

    /** How many requests for {@code path} are waiting to be taken with {@link #next}. */
    int waiting(String path) {
        return queue(path).size();
    }

    private BlockingQueue<Request> queue(String path) {
        return byPath.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
