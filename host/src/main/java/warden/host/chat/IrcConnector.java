package warden.host.chat;

import io.vertx.core.Future;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
import net.engio.mbassy.listener.Handler;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.element.MessageTag;
import org.kitteh.irc.client.library.element.ServerMessage;
import org.kitteh.irc.client.library.element.User;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.client.ClientNegotiationCompleteEvent;
import org.kitteh.irc.client.library.event.client.ClientReceiveCommandEvent;
import org.kitteh.irc.client.library.event.connection.ClientConnectionEndedEvent;
import org.kitteh.irc.client.library.event.user.PrivateCtcpQueryEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.event.user.WhoisEvent;
import org.kitteh.irc.client.library.feature.auth.NickServ;
import org.kitteh.irc.client.library.feature.auth.SaslPlain;
import org.kitteh.irc.client.library.feature.sending.SingleDelaySender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.ChatConfig;

/**
 * Admin commands on an IRC network, through KICL (org.kitteh.irc:client-lib).
 *
 * <p>Who sent a command is read from that message's own {@code nick!user@host} prefix ({@link IrcPrefix}), never
 * from KICL's tracked users, which survive a reconnect and would let whoever takes an admin's nick afterwards be that
 * admin. Accounts come from the message's {@code account} tag when the server offers {@code account-tag}, else from a
 * WHOIS at command time ({@link IrcAccounts}); a reconnect forgets every account it knew.
 *
 * <p>KICL calls the handlers below on its own threads; each hops to the host context for {@link ChatService#handle}.
 * Replies go through {@link FairLines}, one queue per asker's identity with admins first, spaced by {@code
 * replyInterval} so the bot is never kicked for flooding. CTCP queries get no answer: KICL would answer them itself,
 * outside every limit. After a lost connection KICL reconnects after a delay that this class doubles per failure, from
 * {@code reconnectMin} up to {@code reconnectMax}, and resets once the server has welcomed the bot; the channels are
 * joined again on every welcome.
 */
final class IrcConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(IrcConnector.class);

    private final ChatService chat;
    private final ChatConfig.Irc config;
    private final IrcAdmins admins;
    // Host-context state: the accounts WHOIS told, and the paced reply queues.
    private final IrcAccounts accounts;
    private final FairLines replies;
    // Written on KICL's threads, read on the next failure: an atomic, not host-context state.
    private final AtomicLong nextDelayMillis;
    private volatile Client client;

    IrcConnector(ChatService chat, ChatConfig.Irc config) {
        this.chat = chat;
        this.config = config;
        this.admins = new IrcAdmins(config.adminAccounts(), config.adminMasks());
        this.accounts = new IrcAccounts(chat.vertx());
        this.replies = new FairLines(chat.vertx(), config.replyInterval(), this::send);
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
        replies.clear();
        accounts.forgetAll();
        if (client != null) {
            client.shutdown("Warden stopping");
            client = null;
        }
        return Future.succeededFuture();
    }

    @Override
    public void deliver(String where, List<String> lines) {
        for (String target : where == null ? config.channels() : List.of(where)) {
            lines.forEach(line -> replies.add("warden", false, target, line));
        }
    }

    @Handler
    public void onChannelMessage(ChannelMessageEvent event) {
        handle(event.getChannel().getName(), event.getSource(), event.getMessage());
    }

    @Handler
    public void onPrivateMessage(PrivateMessageEvent event) {
        handle(null, event.getSource(), event.getMessage());
    }

    /** KICL fills in a reply (VERSION, PING, TIME) before firing; clearing it keeps the bot silent. */
    @Handler
    public void onCtcp(PrivateCtcpQueryEvent event) {
        event.setReply(null);
    }

    /** Whatever was known of a nick that quits, is renamed or changes account is stale. */
    @Handler
    public void onCommand(ClientReceiveCommandEvent event) {
        String command = event.getCommand();
        if (!command.equals("QUIT") && !command.equals("NICK") && !command.equals("ACCOUNT")) {
            return;
        }
        Optional<IrcPrefix> who = IrcPrefix.of(event.getSource().getMessage());
        List<String> params = event.getParameters();
        chat.context().runOnContext(v -> {
            who.ifPresent(p -> accounts.forget(p.nick()));
            if (command.equals("NICK") && !params.isEmpty()) {
                accounts.forget(params.get(0));
            }
        });
    }

    @Handler
    public void onWhois(WhoisEvent event) {
        User data = event.getWhoisData();
        String nick = data.getNick();
        String user = data.getUserString();
        String host = data.getHost();
        Optional<String> account = data.getAccount();
        chat.context().runOnContext(v -> accounts.answered(nick, user, host, account));
    }

    @Handler
    public void onWelcomed(ClientNegotiationCompleteEvent event) {
        nextDelayMillis.set(config.reconnectMin().toMillis());
        chat.context().runOnContext(v -> accounts.forgetAll());
        // Joined here rather than before connecting: KICL 9 does not rejoin by itself after a reconnect.
        if (!config.channels().isEmpty()) {
            event.getClient().addChannel(config.channels().toArray(String[]::new));
        }
        LOG.info(
                "irc: connected to {} as {}", config.server(), event.getClient().getNick());
    }

    @Handler
    public void onConnectionEnded(ClientConnectionEndedEvent event) {
        // Every nick may belong to someone else after this; lines still queued were for a server that is gone.
        chat.context().runOnContext(v -> {
            accounts.forgetAll();
            replies.clear();
        });
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

    /** {@code channel} null: a private message, answered to the sender's nick. */
    private void handle(String channel, ServerMessage source, String text) {
        Optional<IrcPrefix> parsed = IrcPrefix.of(source.getMessage());
        if (parsed.isEmpty()) {
            return;
        }
        IrcPrefix who = parsed.get();
        Client c = client;
        boolean tagged = c != null
                && c.getCapabilityManager().getCapability("account-tag").isPresent();
        Optional<String> tag = tagged ? source.getTag("account").flatMap(MessageTag::getValue) : Optional.empty();
        String replyTo = channel == null ? who.nick() : channel;
        boolean command = text.strip().startsWith(chat.prefix());
        chat.context().runOnContext(v -> {
            Future<Optional<String>> account = tagged || !command || !admins.hasAccounts()
                    ? Future.succeededFuture(tag)
                    : accounts.of(who, nick -> whois(c, nick));
            account.onSuccess(a -> {
                Actor actor = new Actor(who.nick(), who.user(), who.host(), a.orElse(null));
                boolean admin = admins.isAdmin(actor.mask(), a);
                chat.handle(new ChatMessage("irc", replyTo, actor, admin, text))
                        .onSuccess(lines -> lines.forEach(line -> replies.add(actor.identity(), admin, replyTo, line)));
            });
        });
    }

    private static void whois(Client c, String nick) {
        if (c != null) {
            c.commands().whois().target(nick).execute();
        }
    }

    /** One paced line, cut to what the server will relay: 512 bytes with our prefix, the target and CR LF. */
    private void send(String target, String text) {
        Client c = client;
        if (c == null) {
            return;
        }
        String head = "PRIVMSG " + target + " :";
        c.sendRawLineImmediately(head + ChatText.fitBytes(text, 510 - bytes(head) - selfPrefixBytes(c)));
    }

    /** {@code :nick!user@host } as others see it; the longest usual user (10) and host (63) until the server says. */
    private static int selfPrefixBytes(Client c) {
        Optional<User> self = c.getUser();
        int user = Math.max(10, self.map(u -> bytes(u.getUserString())).orElse(0));
        int host = Math.max(63, self.map(u -> bytes(u.getHost())).orElse(0));
        return 1 + bytes(c.getNick()) + 1 + user + 1 + host + 1;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
