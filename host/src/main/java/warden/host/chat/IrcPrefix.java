package warden.host.chat;

import java.util.Optional;

/**
 * The {@code nick!user@host} a server put in front of one message: the only trustworthy statement of who sent it.
 * KICL keeps the users it tracked across a reconnect, so its {@code User} for a nick may be whoever had that nick
 * before; identity is therefore read from the raw line of each message.
 */
record IrcPrefix(String nick, String user, String host) {

    /** The prefix of a raw line ({@code @tags :nick!user@host COMMAND ...}); empty when it names no user. */
    static Optional<IrcPrefix> of(String rawLine) {
        String line = rawLine;
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            line = space < 0 ? "" : line.substring(space + 1).stripLeading();
        }
        if (!line.startsWith(":")) {
            return Optional.empty();
        }
        int end = line.indexOf(' ');
        String prefix = end < 0 ? line.substring(1) : line.substring(1, end);
        int bang = prefix.indexOf('!');
        int at = prefix.indexOf('@', Math.max(bang, 0));
        if (bang <= 0 || at < bang + 2 || at == prefix.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(
                new IrcPrefix(prefix.substring(0, bang), prefix.substring(bang + 1, at), prefix.substring(at + 1)));
    }

    boolean sameUserAndHost(String otherUser, String otherHost) {
        return user.equals(otherUser) && host.equalsIgnoreCase(otherHost);
    }
}
