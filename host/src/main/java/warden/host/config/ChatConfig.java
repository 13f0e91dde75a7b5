package warden.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Chat connectors and who may command the host through them. A missing {@code chat:} section gives the console only;
 * IRC and game chat are off until configured.
 *
 * @param console read admin commands from the host's stdin ({@code --no-console} turns it off)
 * @param irc the IRC connector
 * @param game the game server's own chat
 * @param commandsPerMinute per user, refill rate of the token bucket (console and HTTP are not limited)
 * @param commandBurst per user, how many commands may come at once
 * @param dashboardUrl where long answers point, e.g. {@code https://warden.example/}; empty: "see the dashboard"
 */
public record ChatConfig(
        boolean console, Irc irc, Game game, int commandsPerMinute, int commandBurst, String dashboardUrl) {

    public static final ChatConfig DEFAULT = new ChatConfig(true, Irc.DEFAULT, Game.DEFAULT, 12, 4, "");

    public ChatConfig {
        // Null or 0 means "the default" for code that builds a config by hand; the loader never passes them.
        irc = irc == null ? DEFAULT.irc() : irc;
        game = game == null ? DEFAULT.game() : game;
        commandsPerMinute = commandsPerMinute <= 0 ? DEFAULT.commandsPerMinute() : commandsPerMinute;
        commandBurst = commandBurst <= 0 ? DEFAULT.commandBurst() : commandBurst;
        dashboardUrl = dashboardUrl == null ? DEFAULT.dashboardUrl() : dashboardUrl;
    }

    /**
     * One IRC network.
     *
     * @param port 0: 6697 with TLS, 6667 without
     * @param trustCertificate a PEM certificate to trust instead of the JDK's CAs, for a server with a self-signed
     *     certificate; null: the JDK's trust store
     * @param saslAccount with {@code saslPassword}: SASL PLAIN identification (preferred, needs TLS on most networks)
     * @param nickServPassword identify to NickServ instead, when SASL is not configured
     * @param adminAccounts services account names, as the server vouches for them with each command (account-tag,
     *     else WHOIS 330 when the command arrives)
     * @param adminMasks {@code nick!user@host} globs with {@code *} and {@code ?}, e.g. {@code alice!*@*.example.org}
     * @param replyInterval flood control: the gap between two lines the bot sends
     * @param reconnectMin first reconnection delay; it doubles after each failure up to {@code reconnectMax}
     */
    public record Irc(
            boolean enabled,
            String server,
            int port,
            boolean tls,
            Path trustCertificate,
            String nick,
            String saslAccount,
            String saslPassword,
            String nickServPassword,
            List<String> channels,
            List<String> adminAccounts,
            List<String> adminMasks,
            Duration replyInterval,
            Duration reconnectMin,
            Duration reconnectMax) {

        public static final Irc DEFAULT = new Irc(
                false,
                "localhost",
                0,
                true,
                null,
                "warden",
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofMinutes(5));

        public Irc {
            server = server == null ? DEFAULT.server() : server;
            nick = nick == null || nick.isBlank() ? DEFAULT.nick() : nick;
            channels = channels == null ? List.of() : List.copyOf(channels);
            adminAccounts = adminAccounts == null ? List.of() : List.copyOf(adminAccounts);
            adminMasks = adminMasks == null ? List.of() : List.copyOf(adminMasks);
            replyInterval = replyInterval == null ? DEFAULT.replyInterval() : replyInterval;
            reconnectMin = reconnectMin == null ? DEFAULT.reconnectMin() : reconnectMin;
            reconnectMax = reconnectMax == null ? DEFAULT.reconnectMax() : reconnectMax;
        }

        /** The configured port, or the usual one for {@code tls}: 6697 with TLS, 6667 without. */
        public int portOrDefault() {
            return port > 0 ? port : tls ? 6697 : 6667;
        }
    }

    /**
     * The game server's chat, read from the output of one supervised child.
     *
     * @param childId the supervised child that runs the game server
     * @param dialect picks the default patterns and how replies are sent
     * @param chatPattern overrides the dialect's chat regex; it must have the groups {@code name} and {@code message}
     * @param joinPattern overrides the join regex; group {@code name}
     * @param leavePattern overrides the leave regex; group {@code name}
     * @param admins player names allowed to run control commands
     * @param replyInterval the gap between two console lines (VintageStory merges lines written back to back)
     * @param world Minetest only: the world directory; the bridge mod is installed in its {@code worldmods/} and
     *     replies go through {@code <world>/supervisor_inbox.txt}
     */
    public record Game(
            boolean enabled,
            String childId,
            Dialect dialect,
            String chatPattern,
            String joinPattern,
            String leavePattern,
            List<String> admins,
            Duration replyInterval,
            Path world) {

        public static final Game DEFAULT = new Game(
                false, "game", Dialect.VINTAGESTORY, null, null, null, List.of(), Duration.ofMillis(150), null);

        public Game {
            childId = childId == null ? DEFAULT.childId() : childId;
            dialect = dialect == null ? DEFAULT.dialect() : dialect;
            admins = admins == null ? List.of() : List.copyOf(admins);
            replyInterval = replyInterval == null ? DEFAULT.replyInterval() : replyInterval;
        }
    }
}
