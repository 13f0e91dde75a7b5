package warden.host.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.Map;
import java.util.function.Supplier;
import warden.host.config.AlertsConfig.Channel;

/**
 * Builds each configured channel's {@link Transport}. Secrets are read here, from the channel or from the environment
 * variable it names, and go no further: the API lists channels by name and type only.
 */
final class Channels {

    private Channels() {}

    static Transport transport(
            Vertx vertx,
            HttpClient client,
            Channel c,
            Map<String, String> env,
            Supplier<ChatSink> chat,
            String hostname) {
        Supplier<String> url = () -> c.url() != null ? c.url() : c.urlEnv() == null ? null : env.get(c.urlEnv());
        String secret = c.secret() != null ? c.secret() : c.secretEnv() == null ? null : env.get(c.secretEnv());
        long timeout = c.timeout().toMillis();
        return switch (c.type()) {
            case WEBHOOK -> new HttpTransport(client, url, secret, timeout, n -> Formats.webhook(n, hostname)
                    .encode());
            case SLACK -> new HttpTransport(
                    client, url, null, timeout, n -> Formats.slack(n).encode());
            case DISCORD -> new HttpTransport(
                    client, url, null, timeout, n -> Formats.discord(n).encode());
            case ALERTMANAGER -> new HttpTransport(
                    client,
                    () -> {
                        String base = url.get();
                        return base == null ? null : base.replaceAll("/+$", "") + "/api/v2/alerts";
                    },
                    null,
                    timeout,
                    n -> Formats.alertmanager(n, hostname).encode());
            case CHAT -> new ChatTransport(chat, c.to());
            case EMAIL -> new MailTransport(vertx, c, env, hostname);
        };
    }
}
