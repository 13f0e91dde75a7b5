package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import warden.host.config.AlertsConfig.Channel;
import warden.host.config.AlertsConfig.Smtp;

/**
 * Email over SMTP with the Vert.x mail client: non-blocking like the HTTP channels. The subject is the headline, the
 * body adds the last lines of output. The password comes from the channel or its {@code passwordEnv}.
 */
final class MailTransport implements Transport {

    private final MailClient client;
    private final Channel channel;
    private final long timeoutMs;

    MailTransport(Vertx vertx, Channel channel, Map<String, String> env, String hostname) {
        Smtp smtp = channel.smtp();
        String password = smtp.password() != null
                ? smtp.password()
                : smtp.passwordEnv() == null ? null : env.get(smtp.passwordEnv());
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setOwnHostname(hostname)
                .setConnectTimeout((int) channel.timeout().toMillis())
                .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase(java.util.Locale.ROOT)))
                .setKeepAlive(false);
        if (smtp.username() != null) {
            config.setUsername(smtp.username()).setPassword(password).setLogin(LoginOption.REQUIRED);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        this.client = MailClient.create(vertx, config);
        this.channel = channel;
        this.timeoutMs = channel.timeout().toMillis();
    }

    @Override
    public Future<Void> send(Notification n) {
        MailMessage message = new MailMessage()
                .setFrom(channel.smtp().from())
                .setTo(channel.to())
                .setSubject(Wording.line(n.kind(), n.alert()))
                .setText(Formats.text(n, "----") + "\n");
        return client.sendMail(message).<Void>mapEmpty().timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
