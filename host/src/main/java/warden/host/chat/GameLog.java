package warden.host.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import warden.host.config.ChatConfig;
import warden.host.config.Dialect;

/**
 * Reads a game server's console lines: chat, joins and leaves. Defaults for Vintage Story and Minetest 5.6 come from
 * shared/research/game-servers.md; each pattern can be replaced in the config.
 *
 * <p>Every pattern is anchored at the start of the line and allows only a timestamp before the tag, so a player who
 * types a log line into chat ("[Server Event] Player X left.") cannot fake an event: the chat line starts with the
 * chat tag. Vintage Story logs chat HTML-escaped; messages are unescaped before use. Lines that echo what Warden
 * wrote to the server ({@link Echoes}) are no events at all.
 */
final class GameLog {

    sealed interface Event permits Chat, Join, Leave, Online, Identified, Disconnected {}

    record Chat(String player, String message) implements Event {}

    record Join(String player) implements Event {}

    record Leave(String player, String reason) implements Event {}

    /** The complete list of players online, as Minetest prints it on every join and leave. */
    record Online(List<String> players) implements Event {}

    /** Vintage Story: connection {@code clientId} belongs to {@code player}. Not translated, unlike the leave line. */
    record Identified(String clientId, String player) implements Event {}

    /** Vintage Story: connection {@code clientId} is gone, whatever the server's language. */
    record Disconnected(String clientId) implements Event {}

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    private static final String VS_PFX = "^[\\d./:\\s-]*\\[(?:Server )?";
    static final String VS_CHAT = VS_PFX + "Chat\\] (?<group>-?\\d+)\\s*\\|\\s*(?<name>[^:]+): (?<message>.*)$";
    static final String VS_CHAT_LEGACY = VS_PFX + "Chat\\] (?<name>[^:|]+): <strong>[^<]*</strong> ?(?<message>.*)$";
    // Not "<caller> announced: ... joins.": what /announce logs, with text Warden (or a plugin, or a player) chose.
    static final String VS_JOIN = VS_PFX + "Event\\] (?!\\S+ announced: )(?<name>.+?) (?<endpoint>\\S+) joins\\.$";
    static final String VS_LEAVE =
            VS_PFX + "Event\\] Player (?<name>.+?) (?:left\\.|got removed\\. Reason: (?<reason>.*))$";

    // The leave line is translated by the server language; these two are not (eViSTool's PlayerTracker uses them).
    static final String VS_IDENT = VS_PFX
            + "Notification\\] Client (?<id>\\d+) uid (?<uid>\\S+) attempting identification\\. Name: (?<name>.+)$";
    static final String VS_CLIENT_GONE = VS_PFX + "Notification\\] Client (?<id>\\d+) disconnected";

    private static final String MT_PFX = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}: ";
    static final String MT_CHAT = MT_PFX + "ACTION\\[Server\\]: CHAT: <(?<name>[A-Za-z0-9_-]{1,20})> (?<message>.*)$";
    static final String MT_JOIN = MT_PFX
            + "ACTION\\[Server\\]: (?<name>[A-Za-z0-9_-]{1,20}) \\[(?<ip>[^\\]]*)\\] joins game\\. List of players:"
            + "(?<list>.*)$";
    static final String MT_LEAVE = MT_PFX
            + "ACTION\\[Server\\]: (?<name>[A-Za-z0-9_-]{1,20}) (?<how>leaves game|times out)\\. List of players:"
            + "(?<list>.*)$";

    private final boolean htmlEscaped;
    private final List<Pattern> chat;
    private final Pattern join;
    private final Pattern leave;

    private final List<Pattern> connections;
    private Echoes echoes;

    private GameLog(boolean htmlEscaped, List<Pattern> chat, Pattern join, Pattern leave, List<Pattern> connections) {
        this.htmlEscaped = htmlEscaped;
        this.chat = chat;
        this.join = join;
        this.leave = leave;
        this.connections = connections;
    }

    /** The dialect's defaults, with whatever patterns the config replaces. */
    static GameLog of(ChatConfig.Game config) {
        boolean minetest = config.dialect() == Dialect.MINETEST;
        List<Pattern> chat = config.chatPattern() != null
                ? List.of(Pattern.compile(config.chatPattern()))
                : minetest
                        ? List.of(Pattern.compile(MT_CHAT))
                        : List.of(Pattern.compile(VS_CHAT), Pattern.compile(VS_CHAT_LEGACY));
        Pattern join =
                Pattern.compile(config.joinPattern() != null ? config.joinPattern() : minetest ? MT_JOIN : VS_JOIN);
        Pattern leave =
                Pattern.compile(config.leavePattern() != null ? config.leavePattern() : minetest ? MT_LEAVE : VS_LEAVE);
        List<Pattern> connections =
                minetest ? List.of() : List.of(Pattern.compile(VS_IDENT), Pattern.compile(VS_CLIENT_GONE));
        return new GameLog(!minetest, chat, join, leave, connections);
    }

    /** From now on, events whose player name lies inside a line Warden wrote are ignored. */
    GameLog ignoring(Echoes written) {
        this.echoes = written;
        return this;
    }

    Optional<Event> parse(String raw) {
        // Only line ends go: Minetest ends a leave line with "List of players: " and its space is part of the format.
        String line = ANSI.matcher(raw).replaceAll("").replaceAll("[\\r\\n]+$", "");
        for (Pattern p : chat) {
            Matcher m = p.matcher(line);
            if (m.find() && !echo(m, line)) {
                String message = m.group("message");
                return Optional.of(new Chat(m.group("name").strip(), htmlEscaped ? unescape(message) : message));
            }
        }
        Matcher j = join.matcher(line);
        if (j.find() && !echo(j, line)) {
            return Optional.of(online(j).orElse(new Join(j.group("name"))));
        }
        Matcher l = leave.matcher(line);
        if (l.find() && !echo(l, line)) {
            return Optional.of(online(l)
                    .orElse(new Leave(l.group("name"), group(l, "reason").orElse("left"))));
        }
        for (Pattern p : connections) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return Optional.of(
                        group(m, "name").isPresent()
                                ? new Identified(m.group("id"), m.group("name").strip())
                                : new Disconnected(m.group("id")));
            }
        }
        return Optional.empty();
    }

    private boolean echo(Matcher m, String line) {
        return echoes != null && echoes.covers(line, m.start("name"), m.end("name"));
    }

    private static Optional<Event> online(Matcher m) {
        return group(m, "list")
                .map(list -> new Online(
                        list.isBlank()
                                ? List.of()
                                : new ArrayList<>(Arrays.asList(list.strip().split("\\s+")))));
    }

    /** A named group's value, or empty when the pattern has no such group or it did not take part. */
    private static Optional<String> group(Matcher m, String name) {
        try {
            return Optional.ofNullable(m.group(name));
        } catch (IllegalArgumentException noSuchGroup) {
            return Optional.empty();
        }
    }

    /** Vintage Story escapes only these two before logging chat; anything else is the player's own text. */
    private static String unescape(String message) {
        return message.replace("&lt;", "<").replace("&gt;", ">");
    }
}
