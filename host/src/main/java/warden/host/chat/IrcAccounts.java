package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The services account behind a nick, when the server offers no {@code account-tag} on each message: asked with WHOIS
 * (numeric 330) when a command arrives, and remembered only while nothing can have changed it. A QUIT or NICK of that
 * nick, an {@code ACCOUNT} notice (account-notify) and every reconnect forget it. A WHOIS answer counts only when its
 * user and host are the ones of the message being checked: the nick may have changed hands in between.
 *
 * <p>Owned by the IRC connector on the host context.
 */
final class IrcAccounts {

    static final Duration WHOIS_TIMEOUT = Duration.ofSeconds(5);

    private record Known(String user, String host, Optional<String> account) {}

    private record Waiting(IrcPrefix who, Promise<Optional<String>> promise) {}

    private final Vertx vertx;
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, List<Waiting>> waiting = new HashMap<>();

    IrcAccounts(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The account {@code who} is logged in to, asking the server with {@code whois} when it is not known. */
    Future<Optional<String>> of(IrcPrefix who, Consumer<String> whois) {
        String key = key(who.nick());
        Known k = known.get(key);
        if (k != null && who.sameUserAndHost(k.user(), k.host())) {
            return Future.succeededFuture(k.account());
        }
        Promise<Optional<String>> promise = Promise.promise();
        List<Waiting> list = waiting.computeIfAbsent(key, n -> new ArrayList<>());
        list.add(new Waiting(who, promise));
        if (list.size() == 1) {
            whois.accept(who.nick());
        }
        vertx.setTimer(WHOIS_TIMEOUT.toMillis(), t -> {
            List<Waiting> still = waiting.get(key);
            if (still != null && still.removeIf(w -> w.promise() == promise) && still.isEmpty()) {
                waiting.remove(key);
            }
            // No answer (no such nick, a server that never ends its WHOIS): no account.
            promise.tryComplete(Optional.empty());
        });
        return promise.future();
    }

    /** The server's WHOIS answer for {@code nick} (311 user and host, 330 account if any). */
    void answered(String nick, String user, String host, Optional<String> account) {
        String key = key(nick);
        known.put(key, new Known(user, host, account));
        List<Waiting> list = waiting.remove(key);
        if (list != null) {
            for (Waiting w : list) {
                w.promise().tryComplete(w.who().sameUserAndHost(user, host) ? account : Optional.empty());
            }
        }
    }

    /** The nick quit or was renamed, or its account changed: whatever was known of it is stale. */
    void forget(String nick) {
        known.remove(key(nick));
    }

    /** A reconnect: every nick may now belong to anyone. */
    void forgetAll() {
        known.clear();
        waiting.values().forEach(list -> list.forEach(w -> w.promise().tryComplete(Optional.empty())));
        waiting.clear();
    }

    private static String key(String nick) {
        return nick.toLowerCase(Locale.ROOT);
    }
}
