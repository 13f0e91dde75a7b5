package warden.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A frame a plugin sends to the host (plugin-api/PROTOCOL.md, "Plugin → host"). The runner builds these and writes
 * {@link #toMap()}; the host's {@code Frames} checks a line's shape and returns one.
 */
public sealed interface PluginFrame {

    /** The frame as the JSON object it is on the wire, in field order, for either end's encoder. */
    Map<String, Object> toMap();

    /** {@code usage} and {@code help} may be null; the host then shows the name and nothing. */
    record CommandInfo(String name, String usage, String help) {}

    /** {@code events}: the non-command {@link Event} kinds the plugin wants. */
    record Hello(int protocol, String id, String version, List<CommandInfo> commands, List<String> events)
            implements PluginFrame {
        public static final String TYPE = "hello";

        @Override
        public Map<String, Object> toMap() {
            List<Object> list = new ArrayList<>(commands.size());
            for (CommandInfo c : commands) {
                list.add(Fields.of("name", c.name(), "usage", c.usage(), "help", c.help()));
            }
            return Fields.of(
                    "type",
                    TYPE,
                    "protocol",
                    protocol,
                    "id",
                    id,
                    "version",
                    version,
                    "commands",
                    list,
                    "events",
                    events);
        }
    }

    record Ready() implements PluginFrame {
        public static final String TYPE = "ready";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("type", TYPE);
        }
    }

    /** The answer to event {@code seq}; {@code error} is null when the handler returned normally. */
    record Result(long seq, List<String> replies, List<String> broadcasts, String error) implements PluginFrame {
        public static final String TYPE = "result";

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = Fields.of("type", TYPE, "seq", seq, "replies", replies);
            if (!broadcasts.isEmpty()) {
                m.put("broadcasts", broadcasts);
            }
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    /** The plugin's own counters, absolute values. */
    record Counters(Map<String, Long> values) implements PluginFrame {
        public static final String TYPE = "counters";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("type", TYPE, "values", values);
        }
    }

    record Heartbeat() implements PluginFrame {
        public static final String TYPE = "heartbeat";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("type", TYPE);
        }
    }

    record Goodbye() implements PluginFrame {
        public static final String TYPE = "goodbye";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("type", TYPE);
        }
    }
}
