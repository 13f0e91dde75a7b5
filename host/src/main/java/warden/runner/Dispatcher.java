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
import warden.protocol.Event;
import warden.protocol.PluginFrame;
import warden.protocol.Protocol;

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

    PluginFrame.Hello hello() {
        List<PluginFrame.CommandInfo> list = new ArrayList<>();
        for (ChatCommand c : commands.values()) {
            list.add(new PluginFrame.CommandInfo(c.name(), c.usage(), c.help()));
        }
        List<String> events = new ArrayList<>();
        if (listeners.stream().anyMatch(l -> overrides(l, "onChat", ChatLine.class))) {
            events.add(Event.Chat.KIND);
        }
        if (listeners.stream().anyMatch(l -> overrides(l, "onPlayer", PlayerEvent.class))) {
            events.add(Event.Player.KIND);
        }
        return new PluginFrame.Hello(Protocol.VERSION, plugin.id(), plugin.version(), list, events);
    }

    void startHeartbeat(Duration interval) {
        long millis = interval.toMillis();
        worker.scheduleAtFixedRate(() -> out.write(new PluginFrame.Heartbeat()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** {@code frame}: an event frame as read, decoded on the worker so that a bad one fails only its own result. */
    void submit(long seq, Map<String, Object> frame) {
        worker.execute(() -> handle(seq, frame));
    }

    /** Stops the plugin after the events already received, says goodbye and exits. */
    void stop() {
        worker.execute(() -> {
            try {
                plugin.stop();
            } catch (RuntimeException e) {
                System.err.println("plugin failed to stop cleanly: " + e);
            }
            out.write(new PluginFrame.Goodbye());
            System.exit(0);
        });
    }

    private void handle(long seq, Map<String, Object> frame) {
        Context ctx = null;
        String error = null;
        try {
            Event event = Event.fromMap(frame);
            ctx = new Context(event.user(), event.origin());
            run(event, ctx);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            error = e.toString();
        }
        PluginFrame.Result result = ctx == null
                ? new PluginFrame.Result(seq, List.of(), List.of(), error)
                : new PluginFrame.Result(seq, ctx.replies, ctx.broadcasts, error);
        String line = out.encode(result); // once: the frame written is the one measured
        if (line.length() > Protocol.MAX_FRAME_CHARS) {
            // The host kills a plugin for a frame over the limit; one oversized answer should only fail its event.
            line = out.encode(new PluginFrame.Result(
                    seq,
                    List.of(),
                    List.of(),
                    "the answer is " + line.length() + " characters long; the protocol allows "
                            + Protocol.MAX_FRAME_CHARS));
        }
        if (countersChanged) {
            countersChanged = false;
            out.write(new PluginFrame.Counters(new LinkedHashMap<>(counters)));
        }
        out.writeLine(line);
    }

    private void run(Event event, Context ctx) throws Exception {
        if (event instanceof Event.Command c) {
            ChatCommand command = commands.get(c.name());
            if (command == null) {
                throw new IllegalArgumentException("no command " + c.name() + " in plugin " + plugin.id());
            }
            command.handle(ctx, c.args());
        } else if (event instanceof Event.Chat c) {
            ChatLine line = new ChatLine(c.origin(), c.user(), c.text());
            for (EventListener l : listeners) {
                l.onChat(ctx, line);
            }
        } else if (event instanceof Event.Player p) {
            PlayerEvent pe = new PlayerEvent(p.origin(), p.player(), p.joined());
            for (EventListener l : listeners) {
                l.onPlayer(ctx, pe);
            }
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
