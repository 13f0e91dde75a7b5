package warden.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of an {@code event} frame, one record per {@code kind} (plugin-api/PROTOCOL.md, "Host → plugin"). The host
 * builds these; the runner reads them back with {@link #fromMap}.
 */
public sealed interface Event {

    String origin();

    /** Who caused the event; empty for a player event, which has no user on the wire. */
    default String user() {
        return "";
    }

    /** The body's fields, {@code kind} first; {@link EventFrame} adds {@code type} and {@code seq}. */
    Map<String, Object> toMap();

    /** {@code !roll 2d6} is {@code name: "roll", args: ["2d6"]}; {@code raw} is the whole line. */
    record Command(String name, List<String> args, String user, String origin, String raw) implements Event {
        public static final String KIND = "command";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of(
                    "kind",
                    KIND,
                    "name",
                    name,
                    "args",
                    new ArrayList<>(args),
                    "user",
                    user,
                    "origin",
                    origin,
                    "raw",
                    raw);
        }
    }

    /** Any chat line; sent only to a plugin whose hello lists {@link #KIND}. */
    record Chat(String origin, String user, String text) implements Event {
        public static final String KIND = "chat";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("kind", KIND, "origin", origin, "user", user, "text", text);
        }
    }

    /** A player joined or left the game server; sent only to a plugin whose hello lists {@link #KIND}. */
    record Player(String origin, String player, boolean joined) implements Event {
        public static final String KIND = "player";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("kind", KIND, "origin", origin, "player", player, "joined", joined);
        }
    }

    /**
     * The event an {@code event} frame holds. The runner trusts the host, so a missing field reads as empty rather than
     * being checked; an unknown kind throws, and the runner answers that event with the error.
     */
    static Event fromMap(Map<String, Object> frame) {
        String kind = text(frame, "kind");
        return switch (kind) {
            case Command.KIND -> {
                List<String> args = new ArrayList<>();
                if (frame.get("args") instanceof List<?> list) {
                    list.forEach(a -> args.add(String.valueOf(a)));
                }
                yield new Command(
                        text(frame, "name"),
                        List.copyOf(args),
                        text(frame, "user"),
                        text(frame, "origin"),
                        text(frame, "raw"));
            }
            case Chat.KIND -> new Chat(text(frame, "origin"), text(frame, "user"), text(frame, "text"));
            case Player.KIND -> new Player(
                    text(frame, "origin"), text(frame, "player"), Boolean.TRUE.equals(frame.get("joined")));
            default -> throw new IllegalArgumentException("unknown event kind " + kind);
        };
    }

    private static String text(Map<String, Object> frame, String field) {
        Object v = frame.get(field);
        return v == null ? "" : String.valueOf(v);
    }
}
