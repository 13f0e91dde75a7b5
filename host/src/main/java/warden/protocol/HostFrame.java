package warden.protocol;

import java.util.Map;

/** A frame the host sends to a plugin (plugin-api/PROTOCOL.md, "Host → plugin"). */
public sealed interface HostFrame {

    /** The frame as the JSON object it is on the wire, in field order. */
    Map<String, Object> toMap();

    /** One event to handle; the plugin answers with exactly one {@link PluginFrame.Result} of the same {@code seq}. */
    record EventFrame(long seq, Event event) implements HostFrame {
        public static final String TYPE = "event";

        @Override
        public Map<String, Object> toMap() {
            // The body first, then type and seq: the order PROTOCOL.md's example shows.
            Map<String, Object> m = event.toMap();
            m.put("type", TYPE);
            m.put("seq", seq);
            return m;
        }
    }

    /** Finish what was received, say goodbye, exit 0. */
    record Stop() implements HostFrame {
        public static final String TYPE = "stop";

        @Override
        public Map<String, Object> toMap() {
            return Fields.of("type", TYPE);
        }
    }
}
