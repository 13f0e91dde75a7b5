package warden.host.chat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is an admin on IRC: a user the server vouches is logged in to one of the admin accounts, or whose {@code
 * nick!user@host}, as the message being handled carries it, matches one of the admin masks. Accounts are the stronger
 * check: a nick and an unconfirmed user name ({@code ~alice}) are whatever the client says, so a mask is only as good
 * as its host part.
 */
final class IrcAdmins {

    private static final Logger LOG = LoggerFactory.getLogger(IrcAdmins.class);

    private final List<String> accounts;
    private final List<Pattern> masks;

    IrcAdmins(List<String> accounts, List<String> masks) {
        this.accounts = accounts.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.masks = masks.stream().map(IrcAdmins::glob).toList();
        masks.stream()
                .filter(IrcAdmins::anyHost)
                .forEach(mask -> LOG.warn(
                        "chat.irc.adminMasks: '{}' accepts any host, so anyone who takes that nick (and picks that user name) "
                                + "is an admin; pin the host, e.g. alice!~alice@203.0.113.7 or alice!*@user/alice, or use "
                                + "adminAccounts",
                        mask));
    }

    boolean hasAccounts() {
        return !accounts.isEmpty();
    }

    boolean isAdmin(String nickUserHost, Optional<String> account) {
        if (account.isPresent() && accounts.contains(account.get().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return masks.stream().anyMatch(p -> p.matcher(nickUserHost).matches());
    }

    /** A mask without a host, or whose host is wildcards only ({@code carol!*@*}): it pins nothing a client can't pick. */
    static boolean anyHost(String mask) {
        int at = mask.lastIndexOf('@');
        return at < 0 || mask.substring(at + 1).matches("[*?]*");
    }

    /** {@code *} any run of characters, {@code ?} one; case-insensitive like IRC nicks and hosts. */
    static Pattern glob(String mask) {
        StringBuilder regex = new StringBuilder();
        for (char c : mask.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
