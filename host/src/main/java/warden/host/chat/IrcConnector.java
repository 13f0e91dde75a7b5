package warden.host.chat;

import io.vertx.core.Future;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
import net.engio.mbassy.listener.Handler;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.element.User;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.client.ClientNegotiationCompleteEvent;
import org.kitteh.irc.client.library.event.connection.ClientConnectionEndedEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.feature.auth.NickServ;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;
import org.kitteh.irc.client.library.feature.sending.SingleDelaySender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.ChatConfig;

/**
 * Admin commands on an IRC network, through KICL (org.kitteh.irc:client-lib).
 *
 * <p>KICL calls the handlers below on its own threads; each hops to the host context for {@link ChatService#handle}
 * and sends the replies through KICL's queue, which spaces lines by {@code replyInterval} so the bot is never kicked
 * for flooding. After a lost connection KICL reconnects after a delay that this class doubles per failure, from
 * {@code reconnectMin} up to {@code reconnectMax}, and resets once the server has welcomed the bot; the channels are
 * joined again on every welcome.
 */
final class IrcConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(IrcConnector.class);

    private final ChatService chat;
    private final ChatConfig.Irc config;
    private final IrcAdmins admins;
    // Written on KICL's threads, read on the next failure: an atomic, not host-context state.
    private final AtomicLong nextDelayMillis;
    private volatile Client client;

    IrcConnector(ChatService chat, ChatConfig.Irc config) {
        this.chat = chat;
        this.config = config;
        this.admins = new IrcAdmins(config.adminAccounts(), config.adminMasks());
        this.nextDelayMillis = new AtomicLong(config.reconnectMin().toMillis());
    }

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public Future<Void> start() {
        // Building a KICL client loads netty and, with TLS, an SSL context: seconds on a cold JVM, so off the loop.
        return chat.vertx()
                .executeBlocking(() -> {
                    connect(config.trustCertificate() == null ? null : trusting(config.trustCertificate()));
                    return null;
                })
                .mapEmpty();
    }

    /** Trusts exactly the certificate(s) in one PEM file: a server with a self-signed certificate. */
    static TrustManagerFactory trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("irc-" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    private void connect(TrustManagerFactory trust) throws Exception {
        client = Client.builder()
                .nick(config.nick())
                .user(config.nick())
                .realName("Warden host supervisor")
                .server()
                .host(config.server())
                .port(
                        config.portOrDefault(),
                        config.tls()
                                ? Client.Builder.Server.SecurityType.SECURE
                                : Client.Builder.Server.SecurityType.INSECURE)
                .secureTrustManagerFactory(trust)
                .then()
                .management()
                .messageSendingQueueSupplier(SingleDelaySender.getSupplier(
                        (int) config.replyInterval().toMillis()))
                .then()
                .listeners()
                .exception(e -> LOG.debug("irc: {}", e.toString()))
                .then()
                .build();
        if (config.saslAccount() != null && config.saslPassword() != null) {
            client.getAuthManager().addProtocol(new SaslPlain(client, config.saslAccount(), config.saslPassword()));
        } else if (config.nickServPassword() != null) {
            client.getAuthManager()
                    .addProtocol(NickServ.builder(client)
                            .account(config.nick())
                            .password(config.nickServPassword())
                            .build());
        }
        client.getEventManager().registerEventListener(this);
        // connect() returns at once; the network may be down, which is the reconnect loop's business.
        client.connect();
        LOG.info("irc: connecting to {}:{} as {}", config.server(), config.portOrDefault(), config.nick());
    }

    @Override
    public Future<Void> stop() {
        if (client != null) {
            client.shutdown("Warden stopping");
            client = null;
        }
        return Future.succeededFuture();
    }

    @Override
    public void deliver(String where, List<String> lines) {
        Client c = client;
        if (c == null) {
            return;
        }
        for (String target : where == null ? config.channels() : List.of(where)) {
            lines.forEach(line -> c.sendMessage(target, line));
        }
    }

    @Handler
    public void onChannelMessage(ChannelMessageEvent event) {
        handle(event.getChannel().getName(), event.getActor(), event.getMessage());
    }

    @Handler
    public void onPrivateMessage(PrivateMessageEvent event) {
        handle(event.getActor().getNick(), event.getActor(), event.getMessage());
    }

    @Handler
    public void onWelcomed(ClientNegotiationCompleteEvent event) {
        nextDelayMillis.set(config.reconnectMin().toMillis());
        // Joined here rather than before connecting: KICL 9 does not rejoin by itself after a reconnect.
        if (!config.channels().isEmpty()) {
            event.getClient().addChannel(config.channels().toArray(String[]::new));
        }
        LOG.info(
                "irc: connected to {} as {}", config.server(), event.getClient().getNick());
    }

    @Handler
    public void onConnectionEnded(ClientConnectionEndedEvent event) {
        if (!event.canAttemptReconnect()) {
            return;
        }
        long delay = nextDelayMillis.get();
        nextDelayMillis.set(Math.min(delay * 2, config.reconnectMax().toMillis()));
        event.setAttemptReconnect(true);
        event.setReconnectionDelay((int) delay);
        LOG.info(
                "irc: connection to {} ended ({}); reconnecting in {} ms",
                config.server(),
                event.getCause().map(Throwable::toString).orElse("closed"),
                delay);
    }

    private void handle(String replyTo, User user, String text) {
        boolean admin = admins.isAdmin(user.getName(), user.getAccount());
        ChatMessage message = new ChatMessage("irc", replyTo, user.getNick(), admin, text);
        Client c = client;
        chat.context().runOnContext(v -> chat.handle(message).onSuccess(replies -> {
            if (c != null) {
                replies.forEach(line -> c.sendMessage(replyTo, line));
            }
        }));
    }
}
