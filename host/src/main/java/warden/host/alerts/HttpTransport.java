package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JSON POST to a webhook, Slack, Discord or Alertmanager, on the host's event loop without blocking it. A reply
 * outside 2xx, a refused connection or no answer within the channel's timeout is a failed attempt.
 *
 * <p>The URL is a secret (Slack's and Discord's carry their token in the path): failure reasons never include it.
 */
final class HttpTransport implements Transport {

    static final String SIGNATURE_HEADER = "X-Warden-Signature";

    private final HttpClient client;
    private final Supplier<String> url;
    private final String secret;
    private final long timeoutMs;
    private final Function<Notification, String> body;

    /** {@code url} is asked for on every attempt; null from it means the variable holding it is not set. */
    HttpTransport(
            HttpClient client,
            Supplier<String> url,
            String secret,
            long timeoutMs,
            Function<Notification, String> body) {
        this.client = client;
        this.url = url;
        this.secret = secret;
        this.timeoutMs = timeoutMs;
        this.body = body;
    }

    @Override
    public Future<Void> send(Notification n) {
        String target = url.get();
        if (target == null) {
            return Future.failedFuture("no URL: the environment variable that should hold it is not set");
        }
        Buffer payload = Buffer.buffer(body.apply(n), "UTF-8");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "warden-alerts");
        if (secret != null) {
            options.putHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, payload.getBytes()));
        }
        return client.request(options)
                .compose(req -> req.send(payload))
                .compose(resp -> resp.body().compose(b -> {
                    int status = resp.statusCode();
                    if (status / 100 == 2) {
                        return Future.<Void>succeededFuture();
                    }
                    String text = b.toString(StandardCharsets.UTF_8);
                    return Future.failedFuture("HTTP " + status
                            + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
                }))
                // The idle timeout covers a server that goes quiet; this covers one that trickles.
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(reason(e, target)));
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String reason(Throwable e, String url) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace(url, "<url>");
    }
}
