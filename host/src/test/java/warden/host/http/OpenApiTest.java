package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document lists exactly the routes {@link ApiRouter} mounts, methods included. */
class OpenApiTest {

    @TempDir
    Path data;

    @Test
    void documentsEveryRouteAndNoOther() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router root = Router.router(vertx);
            Guard guard = new Guard(AdminToken.resolve(ApiFixture.TOKEN, null, data));
            ApiRouter.mount(
                    root,
                    vertx,
                    guard,
                    new FakeBackend(vertx),
                    ApiFixture::config,
                    new ApiStats(null, Clock.systemUTC()),
                    Clock.systemUTC());
            Set<String> mounted = new TreeSet<>();
            for (Route r : root.getRoutes()) {
                if (r.getPath() != null && r.getPath().startsWith(ApiRouter.V1 + "/")) {
                    String path = r.getPath().substring(ApiRouter.V1.length()).replaceAll(":(\\w+)", "{$1}");
                    r.methods().forEach(m -> mounted.add(m.name().toLowerCase() + " " + path));
                }
            }

            JsonObject doc;
            try (InputStream in = Objects.requireNonNull(
                    getClass().getClassLoader().getResourceAsStream("warden-dashboard/openapi.json"))) {
                doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Set<String> documented = new TreeSet<>();
            JsonObject paths = doc.getJsonObject("paths");
            for (String path : paths.fieldNames()) {
                paths.getJsonObject(path).fieldNames().forEach(m -> documented.add(m + " " + path));
            }
            assertEquals(mounted, documented);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
