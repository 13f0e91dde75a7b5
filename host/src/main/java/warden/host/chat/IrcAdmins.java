package warden.host.chat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is an admin on IRC: a user logged in to services under one of the admin accounts, or whose {@code
 * nick!user@host} matches one of the admin masks. Accounts are the stronger check: a mask with a wildcard host is
 * only as good as the network's ident and cloaks.
 */
final class IrcAdmins {

    private final List<String> accounts;
    private final List<Pattern> masks;

    IrcAdmins(List<String> accounts, List<String> masks) {
        this.accounts = accounts.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.masks = masks.stream().map(IrcAdmins::glob).toList();
    }

    boolean isAdmin(String nickUserHost, Optional<String> account) {
        if (account.isPresent() && accounts.contains(account.get().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return masks.stream().anyMatch(p -> p.matcher(nickUserHost).matches());
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
