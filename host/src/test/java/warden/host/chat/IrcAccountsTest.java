package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts by WHOIS, where the server offers no account tag (ngircd has no services, so this is the part tested
 * without a server): an answer counts for the user and host it was about, and is forgotten when the nick moves on.
 */
@ExtendWith(VertxExtension.class)
class IrcAccountsTest {

    private static final IrcPrefix ALICE = new IrcPrefix("alice", "~alice", "203.0.113.7");
    private static final IrcPrefix IMPOSTOR = new IrcPrefix("alice", "~alice", "198.51.100.9");

    @Test
    void anAnswerCountsOnlyForTheUserAndHostItWasAbout(Vertx vertx, VertxTestContext ctx) {
        vertx.runOnContext(v -> {
            IrcAccounts accounts = new IrcAccounts(vertx);
            List<String> asked = new ArrayList<>();
            var first = accounts.of(ALICE, asked::add);
            accounts.answered("alice", "~alice", "203.0.113.7", Optional.of("alice"));
            var cached = accounts.of(ALICE, asked::add);
            var impostor = accounts.of(IMPOSTOR, asked::add);
            accounts.answered("Alice", "~alice", "203.0.113.7", Optional.of("alice"));
            accounts.forget("ALICE");
            var again = accounts.of(ALICE, asked::add);
            accounts.forgetAll();
            ctx.verify(() -> {
                assertEquals(Optional.of("alice"), first.result());
                assertEquals(Optional.of("alice"), cached.result());
                assertEquals(Optional.empty(), impostor.result(), "the WHOIS answer was about someone else");
                assertEquals(Optional.empty(), again.result(), "a reconnect ends every wait with no account");
                assertEquals(List.of("alice", "alice", "alice"), asked);
            });
            ctx.completeNow();
        });
    }

    @Test
    void prefixesAreReadFromTheRawLine() {
        assertEquals(
                Optional.of(new IrcPrefix("alice", "~mallory", "127.0.0.3")),
                IrcPrefix.of("@account=x;time=1 :alice!~mallory@127.0.0.3 PRIVMSG #warden :!status"));
        assertEquals(Optional.empty(), IrcPrefix.of(":irc.warden.test 001 warden :hi"));
        assertEquals(Optional.empty(), IrcPrefix.of("PING :x"));
    }
}
