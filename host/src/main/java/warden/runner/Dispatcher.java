package warden.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import warden.api.ChatCommand;
import warden.api.ChatLine;
import warden.api.EventListener;
import warden.api.PlayerEvent;
import warden.api.PluginContext;

/**
 * Runs the plugin's handlers on one worker thread, in arrival order, and answers each event with a result frame.
 *
 * <p>Heartbeats are scheduled on that same worker thread on purpose: a handler that hangs also stops the heartbeats,
 * and that is how the host tells a hung plugin from a busy one. All mutable state here is touched only by the worker.
 */
final class Dispatcher {

    private final LoadedPlugin plugin;
    private final Map<String, Object> config;
    private final FrameWriter out;
    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final List<EventListener> listeners;
    private final Map<String, Long> counters = new HashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugin-worker");
        t.setDaemon(true);
        return t;
    });
    private boolean countersChanged;

    Dispatcher(LoadedPlugin plugin, Map<String, Object> config, FrameWriter out) {
        this.plugin = plugin;
        this.config = config;
        this.out = out;
        for (ChatCommand c : plugin.commands()) {
            commands.put(c.name(), c);
        }
        this.listeners = plugin.listeners();
    }

    ObjectNode hello(int protocolVersion) {
        ObjectNode hello = out.frame("hello")
                .put("protocol", protocolVersion)
                .put("id", plugin.id())
                .put("version", plugin.version());
        ArrayNode list = hello.putArray("commands");
        commands.values().forEach(c -> list.addObject()
                .put("name", c.name())
                .put("usage", c.usage())
                .put("help", c.help()));
        ArrayNode events = hello.putArray("events");
        if (listeners.stream().anyMatch(l -> overrides(l, "onChat", ChatLine.class))) {
            events.add("chat");
        }
        if (listeners.stream().anyMatch(l -> overrides(l, "onPlayer", PlayerEvent.class))) {
            events.add("player");
        }
        return hello;
    }

    void startHeartbeat(Duration interval) {
        long millis = interval.toMillis();
        worker.scheduleAtFixedRate(() -> out.write(out.frame("heartbeat")), millis, millis, TimeUnit.MILLISECONDS);
    }

    void submit(JsonNode event) {
        worker.execute(() -> handle(event));
    }

    /** Stops the plugin after the events already received, says goodbye and exits. */
    void stop() {
        worker.execute(() -> {
            try {
                plugin.stop();
            } catch (RuntimeException e) {
                System.err.println("plugin failed to stop cleanly: " + e);
            }
            out.write(out.frame("goodbye"));
            System.exit(0);
        });
    }

    private void handle(JsonNode event) {
        long seq = event.path("seq").asLong();
        Context ctx =
                new Context(event.path("user").asText(""), event.path("origin").asText(""));
        ObjectNode result = out.frame("result").put("seq", seq);
        try {
            run(event, ctx);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            result.put("error", e.toString());
        }
        ArrayNode replies = result.putArray("replies");
        ctx.replies.forEach(replies::add);
        if (!ctx.broadcasts.isEmpty()) {
            ArrayNode b = result.putArray("broadcasts");
            ctx.broadcasts.forEach(b::add);
        }
        if (countersChanged) {
            countersChanged = false;
            out.write(counterFrame());
        }
        out.write(result);
    }

    private ObjectNode counterFrame() {
        ObjectNode frame = out.frame("counters");
        ObjectNode values = frame.putObject("values");
        counters.forEach(values::put);
        return frame;
    }

    private void run(JsonNode event, Context ctx) throws Exception {
        switch (event.path("kind").asText()) {
            case "command" -> {
                String name = event.path("name").asText();
                ChatCommand command = commands.get(name);
                if (command == null) {
                    throw new IllegalArgumentException("no command " + name + " in plugin " + plugin.id());
                }
                List<String> args = new ArrayList<>();
                event.path("args").forEach(a -> args.add(a.asText()));
                command.handle(ctx, List.copyOf(args));
            }
            case "chat" -> {
                ChatLine line =
                        new ChatLine(ctx.origin, ctx.user, event.path("text").asText(""));
                for (EventListener l : listeners) {
                    l.onChat(ctx, line);
                }
            }
            case "player" -> {
                PlayerEvent pe = new PlayerEvent(
                        ctx.origin,
                        event.path("player").asText(""),
                        event.path("joined").asBoolean());
                for (EventListener l : listeners) {
                    l.onPlayer(ctx, pe);
                }
            }
            default -> throw new IllegalArgumentException("unknown event kind " + event.path("kind"));
        }
    }

    private static boolean overrides(EventListener listener, String method, Class<?> eventType) {
        try {
            return listener.getClass()
                            .getMethod(method, PluginContext.class, eventType)
                            .getDeclaringClass()
                    != EventListener.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The context of one handler call; collects what the handler says until it returns. */
    private final class Context implements PluginContext {
        private final String user;
        private final String origin;
        private final List<String> replies = new ArrayList<>();
        private final List<String> broadcasts = new ArrayList<>();

        Context(String user, String origin) {
            this.user = user;
            this.origin = origin;
        }

        @Override
        public void reply(String text) {
            replies.add(String.valueOf(text));
        }

        @Override
        public void broadcast(String text) {
            broadcasts.add(String.valueOf(text));
        }

        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public long count(String name, long delta) {
            countersChanged = true;
            return counters.merge(name, delta, Long::sum);
        }

        @Override
        public long counter(String name) {
            return counters.getOrDefault(name, 0L);
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String origin() {
            return origin;
        }

        @Override
        public Map<String, Object> config() {
            return config;
        }
    }
}
