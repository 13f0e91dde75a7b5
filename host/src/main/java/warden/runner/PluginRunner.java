package warden.runner;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import warden.protocol.HostFrame;
import warden.protocol.PluginFrame;
import warden.protocol.Protocol;

/**
 * The main class of a plugin's child JVM: loads one plugin jar with pf4j and speaks the wire protocol ({@code
 * plugin-api/PROTOCOL.md}) on stdin/stdout.
 *
 * <p>Usage: {@code PluginRunner <plugin.jar> [heartbeat-millis]}; the plugin's config section comes as JSON in the
 * environment variable {@code WARDEN_PLUGIN_CONFIG}. Before any plugin code runs, {@code System.out} is pointed at
 * stderr, so whatever the plugin prints lands in its log and never in the protocol. The JVM exits as soon as stdin
 * ends: that is how a plugin dies within milliseconds when its host is killed, even with SIGKILL.
 */
public final class PluginRunner {

    /** First argument of a class-loading-only run; see {@link #train}. */
    public static final String TRAIN = "--train";

    private PluginRunner() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: PluginRunner <plugin.jar> [heartbeat-millis] | --train <plugin.jar>");
            System.exit(2);
        }
        if (args[0].equals(TRAIN) && args.length > 1) {
            train(Path.of(args[1]));
            System.exit(0);
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Duration heartbeat = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
        FrameWriter out = new FrameWriter(protocol);
        Map<String, Object> config = readConfig(out);

        LoadedPlugin plugin;
        try {
            plugin = LoadedPlugin.load(Path.of(args[0]), Protocol.HOST_VERSION);
        } catch (RuntimeException e) {
            System.err.println("cannot load plugin " + args[0] + ": " + e);
            System.exit(3);
            return;
        }
        // pf4j lists a plugin's extensions only once it is started, so the hello comes after start.
        try {
            plugin.start();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("plugin " + plugin.id() + " failed to start: " + e.getMessage());
            System.exit(4);
            return;
        }
        Dispatcher dispatcher = new Dispatcher(plugin, config, out);
        out.write(dispatcher.hello());
        dispatcher.startHeartbeat(heartbeat);
        out.write(new PluginFrame.Ready());

        readUntilEof(out, dispatcher);
        // stdin is gone: the host died or closed us. Nobody is left to talk to.
        System.exit(0);
    }

    /**
     * A run that only loads classes, for the plugin JVMs' class-data archive ({@code -XX:DumpLoadedClassList}): pf4j reads
     * the jar, its extension classes are loaded (not initialized) and their annotations read, and a dispatcher says hello
     * and ready and answers one chat event through its worker, as in a real start. The plugin is never started (pf4j then offers
     * no extensions), so a training run runs no plugin code.
     */
    private static void train(Path jar) throws IOException, InterruptedException {
        CountDownLatch lines = new CountDownLatch(3); // the hello, the ready, then the event's result
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines.countDown();
                }
            }
        };
        FrameWriter out = new FrameWriter(new PrintStream(sink, false, StandardCharsets.UTF_8));
        readConfig(out); // whatever it holds: reading the environment loads classes of its own
        LoadedPlugin plugin = LoadedPlugin.load(jar, Protocol.HOST_VERSION);
        plugin.loadExtensionClasses();
        Dispatcher dispatcher = new Dispatcher(plugin, Map.of(), out);
        out.write(dispatcher.hello());
        dispatcher.startHeartbeat(Duration.ofHours(1));
        out.write(new PluginFrame.Ready());
        dispatcher.submit(
                1,
                out.parse("{\"type\":\"event\",\"seq\":1,\"kind\":\"chat\",\"origin\":\"training\","
                        + "\"user\":\"warden\",\"text\":\"hello\"}"));
        if (!lines.await(30, TimeUnit.SECONDS)) {
            throw new IOException("the training event was not answered");
        }
    }

    private static void readUntilEof(FrameWriter json, Dispatcher dispatcher) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> frame;
            try {
                frame = json.parse(line);
            } catch (IOException e) {
                System.err.println("ignoring unreadable frame from host: " + e.getMessage());
                continue;
            }
            String type = String.valueOf(frame.get("type"));
            if (type.equals(HostFrame.EventFrame.TYPE)) {
                if (frame.get("seq") instanceof Long seq) {
                    dispatcher.submit(seq, frame);
                } else {
                    System.err.println("ignoring event without an integer seq from host");
                }
            } else if (type.equals(HostFrame.Stop.TYPE)) {
                dispatcher.stop();
            } else if (!type.equals(PluginFrame.Heartbeat.TYPE)) {
                System.err.println("ignoring frame of unknown type from host: " + type);
            }
        }
    }

    private static Map<String, Object> readConfig(FrameWriter json) {
        String raw = System.getenv("WARDEN_PLUGIN_CONFIG");
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        try {
            return java.util.Collections.unmodifiableMap(json.parse(raw));
        } catch (IOException e) {
            System.err.println("ignoring unreadable WARDEN_PLUGIN_CONFIG: " + e.getMessage());
            return Map.of();
        }
    }
}
