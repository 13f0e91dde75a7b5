package warden.host.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import warden.host.config.ConfigException;

/**
 * {@code POST /api/v1/config/reload}: the host re-reads its configuration file and applies the difference, answering
 * with the {@code ConfigDiff} once added services are started, removed ones stopped and changed ones restarted. A file
 * that does not validate changes nothing and answers 400 {@code invalid_config} with the loader's message (file,
 * line, field, what is allowed); a reload while another is under way answers 409.
 */
final class ConfigReloadHandler implements Handler<RoutingContext> {

    private final Backend backend;

    ConfigReloadHandler(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void handle(RoutingContext ctx) {
        backend.reloadConfig().onSuccess(diff -> Json.reply(ctx, diff)).onFailure(e -> {
            if (e instanceof ConfigException) {
                ApiError.send(ctx, 400, "invalid_config", e.getMessage() + "\nnothing was changed");
            } else {
                ApiError.fail(ctx, e);
            }
        });
    }
}
