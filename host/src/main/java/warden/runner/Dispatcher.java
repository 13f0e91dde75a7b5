package warden.runner;

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

    Map<String, Object> hello(int protocolVersion) {
        Map<String, Object> hello = FrameWriter.frame("hello");
        hello.put("protocol", protocolVersion);
        hello.put("id", plugin.id());
        hello.put("version", plugin.version());
        List<Object> list = new ArrayList<>();
        for (ChatCommand c : commands.values()) {
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("name", c.name());
            command.put("usage", c.usage());
            command.put("help", c.help());
            list.add(command);
        }
        hello.put("commands", list);
        List<Object> events = new ArrayList<>();
        if (listeners.stream().anyMatch(l -> overrides(l, "onChat", ChatLine.class))) {
            events.add("chat");
        }
        if (listeners.stream().anyMatch(l -> overrides(l, "onPlayer", PlayerEvent.class))) {
            events.add("player");
        }
        hello.put("events", events);
        return hello;
    }

    void startHeartbeat(Duration interval) {
        long millis = interval.toMillis();
        worker.scheduleAtFixedRate(
                () -> out.write(FrameWriter.frame("heartbeat")), millis, millis, TimeUnit.MILLISECONDS);
    }

    void submit(Map<String, Object> event) {
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
            out.write(FrameWriter.frame("goodbye"));
            System.exit(0);
        });
    }

    private void handle(Map<String, Object> event) {
        Context ctx = new Context(text(event, "user"), text(event, "origin"));
        Map<String, Object> result = FrameWriter.frame("result");
        result.put("seq", event.get("seq"));
        try {
            run(event, ctx);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            result.put("error", e.toString());
        }
        result.put("replies", ctx.replies);
        if (!ctx.broadcasts.isEmpty()) {
            result.put("broadcasts", ctx.broadcasts);
        }
        int chars = out.encode(result).length();
        if (chars > FrameWriter.MAX_FRAME_CHARS) {
            // The host kills a plugin for a frame over the limit; one oversized answer should only fail its event.
            result.put("replies", List.of());
            result.remove("broadcasts");
            result.put(
                    "error",
                    "the answer is " + chars + " characters long; the protocol allows " + FrameWriter.MAX_FRAME_CHARS);
        }
        if (countersChanged) {
            countersChanged = false;
            Map<String, Object> frame = FrameWriter.frame("counters");
            frame.put("values", new LinkedHashMap<>(counters));
            out.write(frame);
        }
        out.write(result);
    }

    private void run(Map<String, Object> event, Context ctx) throws Exception {
        String kind = text(event, "kind");
        switch (kind) {
            case "command" -> {
                String name = text(event, "name");
                ChatCommand command = commands.get(name);
                if (command == null) {
                    throw new IllegalArgumentException("no command " + name + " in plugin " + plugin.id());
                }
                List<String> args = new ArrayList<>();
                if (event.get("args") instanceof List<?> list) {
                    list.forEach(a -> args.add(String.valueOf(a)));
                }
                command.handle(ctx, List.copyOf(args));
            }
            case "chat" -> {
                ChatLine line = new ChatLine(ctx.origin, ctx.user, text(event, "text"));
                for (EventListener l : listeners) {
                    l.onChat(ctx, line);
                }
            }
            case "player" -> {
                PlayerEvent pe =
                        new PlayerEvent(ctx.origin, text(event, "player"), Boolean.TRUE.equals(event.get("joined")));
                for (EventListener l : listeners) {
                    l.onPlayer(ctx, pe);
                }
            }
            default -> throw new IllegalArgumentException("unknown event kind " + kind);
        }
    }

    private static String text(Map<String, Object> frame, String field) {
        Object v = frame.get(field);
        return v == null ? "" : String.valueOf(v);
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
