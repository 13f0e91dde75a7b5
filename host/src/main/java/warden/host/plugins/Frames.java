package warden.host.plugins;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import warden.protocol.Event;
import warden.protocol.HostFrame;
import warden.protocol.PluginFrame;
import warden.protocol.Protocol;

/**
 * Turns one line of a plugin's stdout into a {@link PluginFrame}, checking every shape plugin-api/PROTOCOL.md states: field
 * types, required fields, integers that must be integers, the allowed event kinds. What needs the connection's state
 * (hello first, seq in flight, the id it runs as) is checked by {@link PluginConnection}.
 *
 * <p>Stateless; a breach is a {@link Violation}, never another exception, whatever the line holds (the protocol fuzzer
 * checks that).
 */
final class Frames {

    static final Set<String> EVENT_KINDS = Set.of(Event.Chat.KIND, Event.Player.KIND);

    private Frames() {}

    /** A host frame as the line the host writes to a child's stdin (without the newline). */
    static String encode(HostFrame frame) {
        return new JsonObject(frame.toMap()).encode();
    }

    /** The frame on {@code line}; null for a blank line, which the protocol ignores. */
    static PluginFrame parse(String line) throws Violation {
        // The supervisor hands longer lines over cut to just past the limit.
        if (line.length() > Protocol.MAX_FRAME_CHARS) {
            throw new Violation("frame longer than " + Protocol.MAX_FRAME_CHARS + " characters");
        }
        if (line.isBlank()) {
            return null;
        }
        JsonObject frame;
        try {
            frame = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
            throw new Violation("not a JSON object: " + abbreviate(line));
        }
        if (!(frame.getValue("type") instanceof String type)) {
            throw new Violation("frame without a string \"type\": " + abbreviate(line));
        }
        return switch (type) {
            case PluginFrame.Hello.TYPE -> hello(frame);
            case PluginFrame.Ready.TYPE -> new PluginFrame.Ready();
            case PluginFrame.Result.TYPE -> result(frame);
            case PluginFrame.Counters.TYPE -> counters(frame);
            case PluginFrame.Heartbeat.TYPE -> new PluginFrame.Heartbeat();
            case PluginFrame.Goodbye.TYPE -> new PluginFrame.Goodbye();
            default -> throw new Violation("unknown frame type '" + abbreviate(type) + "'");
        };
    }

    private static PluginFrame.Hello hello(JsonObject frame) throws Violation {
        Object protocol = frame.getValue("protocol");
        if (!(protocol instanceof Integer p) || p != Protocol.VERSION) {
            throw new Violation(
                    "speaks protocol " + abbreviate(String.valueOf(protocol)) + ", host speaks " + Protocol.VERSION);
        }
        String id = requiredString(frame, "hello", "id");
        String version = requiredString(frame, "hello", "version");
        List<PluginFrame.CommandInfo> commands = new ArrayList<>();
        for (Object c : requiredArray(frame, "hello", "commands")) {
            if (!(c instanceof JsonObject command)) {
                throw new Violation("hello.commands must be an array of objects {name, usage, help}");
            }
            String name = requiredString(command, "hello.commands[]", "name");
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new Violation("hello.commands[].name must be one word, got '" + abbreviate(name) + "'");
            }
            commands.add(new PluginFrame.CommandInfo(
                    name,
                    optionalString(command, "hello.commands[]", "usage", name),
                    optionalString(command, "hello.commands[]", "help", "")));
        }
        List<String> events = new ArrayList<>();
        for (Object e : requiredArray(frame, "hello", "events")) {
            if (!(e instanceof String kind) || !EVENT_KINDS.contains(kind)) {
                throw new Violation(
                        "hello.events may only hold \"chat\" and \"player\", got " + abbreviate(String.valueOf(e)));
            }
            events.add(kind);
        }
        return new PluginFrame.Hello(p, id, version, List.copyOf(commands), List.copyOf(events));
    }

    private static PluginFrame.Result result(JsonObject frame) throws Violation {
        Object seq = frame.getValue("seq");
        if (!(seq instanceof Integer || seq instanceof Long)) {
            throw new Violation("result.seq must be an integer, got " + describe(seq));
        }
        List<String> replies = strings(requiredArray(frame, "result", "replies"), "result.replies");
        Object b = frame.getValue("broadcasts");
        List<String> broadcasts = b == null ? List.of() : strings(array(b, "result.broadcasts"), "result.broadcasts");
        return new PluginFrame.Result(
                ((Number) seq).longValue(), replies, broadcasts, optionalString(frame, "result", "error", null));
    }

    private static PluginFrame.Counters counters(JsonObject frame) throws Violation {
        if (!(frame.getValue("values") instanceof JsonObject values)) {
            throw new Violation(
                    "counters.values must be an object of name to integer, got " + describe(frame.getValue("values")));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : values.fieldNames()) {
            Object v = values.getValue(name);
            if (!(v instanceof Integer || v instanceof Long)) {
                throw new Violation("counter '" + abbreviate(name) + "' must be an integer, got " + describe(v));
            }
            out.put(name, ((Number) v).longValue());
        }
        return new PluginFrame.Counters(out);
    }

    private static String requiredString(JsonObject o, String where, String field) throws Violation {
        if (!(o.getValue(field) instanceof String s)) {
            throw new Violation(where + "." + field + " must be a string, got " + describe(o.getValue(field)));
        }
        return s;
    }

    /** An optional field may be left out or be null; present, it must be a string. */
    private static String optionalString(JsonObject o, String where, String field, String fallback) throws Violation {
        Object v = o.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new Violation(where + "." + field + " must be a string, got " + describe(v));
        }
        return s;
    }

    private static JsonArray requiredArray(JsonObject o, String where, String field) throws Violation {
        return array(o.getValue(field), where + "." + field);
    }

    private static JsonArray array(Object v, String what) throws Violation {
        if (!(v instanceof JsonArray a)) {
            throw new Violation(what + " must be an array, got " + describe(v));
        }
        return a;
    }

    private static List<String> strings(JsonArray array, String what) throws Violation {
        List<String> out = new ArrayList<>(array.size());
        for (Object o : array) {
            if (!(o instanceof String s)) {
                throw new Violation(what + " must be an array of strings, got an item " + describe(o));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** How a wrong value is named in a violation: its JSON type, and short values themselves. */
    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        if (v instanceof JsonArray) {
            return "an array";
        }
        return v instanceof String s ? "the string \"" + abbreviate(s) + "\"" : abbreviate(String.valueOf(v));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
