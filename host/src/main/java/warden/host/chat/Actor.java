package warden.host.chat;

import java.util.Locale;

/**
 * Who typed a line, as fully as the connector knows: on IRC the message's own {@code nick!user@host} prefix and the
 * services account the server vouched for with it; in game chat and on the console only a name.
 *
 * @param user the IRC user name as the server shows it ({@code ~alice} when no identd confirmed it); null elsewhere
 * @param host the IRC host or cloak; null elsewhere
 * @param account the services account the server vouched for at the time of the message; null when none
 */
public record Actor(String nick, String user, String host, String account) {

    /** Someone known only by a name: a player, the console, the API's token holder. */
    public static Actor named(String name) {
        return new Actor(name, null, null, null);
    }

    /**
     * What rate limits and reply queues follow: the account when there is one, else {@code user@host}, else the name.
     * Never the IRC nick alone, which anyone can change at will.
     */
    String identity() {
        if (account != null) {
            return "account:" + account.toLowerCase(Locale.ROOT);
        }
        if (host != null) {
            return (user == null ? "" : user) + "@" + host.toLowerCase(Locale.ROOT);
        }
        return nick;
    }

    /** {@code nick!user@host}, the form admin masks match; just the nick when the rest is unknown. */
    String mask() {
        return host == null ? nick : nick + "!" + (user == null ? "" : user) + "@" + host;
    }
}
