package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person on IRC, for the tests: speaks raw IRC over a Vert.x socket, independent of the library under test. Joins
 * the channel, answers PINGs, and collects what a given nick says in the channel.
 */
final class RawIrcUser {

    private record Waiter(int count, Promise<List<String>> promise) {}

    private String nick;
    private final String watched;
    private final NetClient client;
    private final NetSocket socket;
    private final Set<String> inChannel = new HashSet<>();
    private final Deque<String> heard = new ArrayDeque<>();
    private final Promise<Void> joined = Promise.promise();
    private final Promise<Void> welcomed = Promise.promise();
    private boolean joins = true;
    private Waiter waiter;
    private Promise<Void> watchedHere;
    private List<String> untilLines;
    private Predicate<String> untilLast;
    private Promise<List<String>> untilPromise;

    private RawIrcUser(String nick, String watched, NetClient client, NetSocket socket) {
        this.nick = nick;
        this.client = client;
        this.watched = watched;
        this.socket = socket;
    }

    /** Connects, registers and joins the test channel; completes once joined. */
    static Future<RawIrcUser> connect(Vertx vertx, int port, String nick, String watched) {
        return connect(vertx, port, "127.0.0.1", nick, nick, watched);
    }

    /**
     * As {@link #connect(Vertx, int, String, String)}, from local address {@code from} (any of 127.0.0.0/8, which the
     * server then sees as this user's host) and with IRC user name {@code userName} (ngircd shows it as {@code ~name}).
     */
    static Future<RawIrcUser> connect(
            Vertx vertx, int port, String from, String nick, String userName, String watched) {
        return connect(vertx, port, from, nick, userName, watched, true);
    }

    /** As above, but stays out of the channel: completes once the server has welcomed the user. */
    static Future<RawIrcUser> connectOutsideTheChannel(
            Vertx vertx, int port, String from, String nick, String userName, String watched) {
        return connect(vertx, port, from, nick, userName, watched, false);
    }

    private static Future<RawIrcUser> connect(
            Vertx vertx, int port, String from, String nick, String userName, String watched, boolean join) {
        // Vert.x closes a NetClient that has become unreachable: the user keeps it for as long as it lives.
        NetClient client = vertx.createNetClient(new NetClientOptions().setLocalAddress(from));
        return client.connect(port, "127.0.0.1").compose(socket -> {
            RawIrcUser user = new RawIrcUser(nick, watched, client, socket);
            user.joins = join;
            socket.handler(RecordParser.newDelimited("\r\n", user::line));

            user.send("NICK " + nick);
            user.send("USER " + userName + " 0 * :test user");
            return (join ? user.joined : user.welcomed).future().map(user);
        });
    }

    /** Sends a private message (or a CTCP query, wrapped in \u0001) to {@code target}. */
    void tell(String target, String text) {
        send("PRIVMSG " + target + " :" + text);
    }

    /** Changes nick; what the watched nick says to the new one is heard from then on. */
    void renameTo(String newNick) {
        send("NICK " + newNick);
        nick = newNick;
    }

    /** Forgets what was heard and not yet taken. */
    void forget() {
        heard.clear();
    }

    /** Everything the watched nick says from now up to and including the first line {@code last} accepts. */
    Future<List<String>> until(Predicate<String> last) {
        Promise<List<String>> p = Promise.promise();
        List<String> lines = new ArrayList<>();
        untilLines = lines;
        untilLast = last;
        untilPromise = p;
        deliver();
        return p.future();
    }

    void say(String text) {
        send("PRIVMSG " + Ngircd.CHANNEL + " :" + text);
    }

    /** The next {@code n} lines the watched nick says in the channel. */
    Future<List<String>> next(int n) {
        Promise<List<String>> p = Promise.promise();
        waiter = new Waiter(n, p);
        deliver();
        return p.future();
    }

    /** Completes once the watched nick is in the channel. */
    Future<Void> watchedJoined() {
        watchedHere = Promise.promise();
        if (inChannel.contains(watched.toLowerCase())) {
            watchedHere.complete();
        }
        return watchedHere.future();
    }

    Future<Void> quit() {
        send("QUIT :bye");
        return socket.close().compose(v -> client.close());
    }

    private void send(String line) {
        socket.write(line + "\r\n");
    }

    private void line(Buffer buffer) {
        String line = buffer.toString();
        String[] parts = line.split(" ", 4);
        if (line.startsWith("PING")) {
            send("PONG" + line.substring(4));
        } else if (parts.length >= 2 && parts[1].equals("001")) {
            welcomed.tryComplete();
            if (joins) {
                send("JOIN " + Ngircd.CHANNEL);
            }
        } else if (parts.length >= 4 && parts[1].equals("353")) {
            for (String name : parts[3].substring(parts[3].indexOf(':') + 1).split(" ")) {
                arrived(name.replaceAll("^[@+%]", ""));
            }
        } else if (parts.length >= 2 && parts[1].equals("366")) {
            joined.tryComplete();
        } else if (parts.length >= 3 && parts[1].equals("JOIN")) {
            arrived(parts[0].substring(1, parts[0].indexOf('!')));
        } else if (parts.length >= 4
                && (parts[1].equals("PRIVMSG") || parts[1].equals("NOTICE"))
                && (parts[2].equalsIgnoreCase(Ngircd.CHANNEL) || parts[2].equalsIgnoreCase(nick))
                && parts[0].indexOf('!') > 0) {
            String from = parts[0].substring(1, parts[0].indexOf('!'));
            if (from.equalsIgnoreCase(watched)) {
                // A notice (how CTCP is answered) is told apart; a message is heard as its text.
                heard.add((parts[1].equals("NOTICE") ? "NOTICE " : "") + parts[3].substring(1));
                deliver();
            }
        }
    }

    private void arrived(String who) {
        inChannel.add(who.toLowerCase());
        if (watchedHere != null && who.equalsIgnoreCase(watched)) {
            watchedHere.tryComplete();
        }
    }

    private void deliver() {
        while (untilPromise != null && !heard.isEmpty()) {
            String line = heard.poll();
            untilLines.add(line);
            if (untilLast.test(line)) {
                Promise<List<String>> p = untilPromise;
                untilPromise = null;
                p.complete(untilLines);
            }
        }
        if (waiter != null && heard.size() >= waiter.count()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < waiter.count(); i++) {
                lines.add(heard.poll());
            }
            Waiter w = waiter;
            waiter = null;
            w.promise().complete(lines);
        }
    }

    @Override
    public String toString() {
        return nick;
    }
}
