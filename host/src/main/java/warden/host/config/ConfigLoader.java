package warden.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Warden's one YAML file (or the embedded default), applies environment and command-line overrides, fills in
 * defaults and checks everything, so the rest of the host only ever sees a complete, valid {@link WardenConfig}.
 *
 * <p>Precedence, lowest first: a record's {@code DEFAULT}, the file, the environment ({@link #ENV}), the command line
 * ({@link #set}). Relative paths in the file are resolved against the file's folder; those from the environment or
 * the command line against the working directory. Every failure is a {@link ConfigException} whose message names the
 * file and line (or the variable or option), the field path and what is allowed.
 */
public final class ConfigLoader {

    /** The resource holding the configuration used when no file is given. */
    public static final String EMBEDDED_DEFAULT = "/warden-default.yaml";

    /** The largest config file read; a real one is a few KiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The environment variables Warden reads, each with the field it overrides. */
    public static final Map<String, String> ENV = orderedMap(
            "WARDEN_HTTP_HOST", "http.host",
            "WARDEN_HTTP_PORT", "http.port",
            "WARDEN_ADMIN_TOKEN", "http.adminToken",
            "WARDEN_DATA_DIR", "data",
            "WARDEN_METRICS_INTERVAL", "metrics.interval",
            "WARDEN_METRICS_HISTORY", "metrics.history",
            "WARDEN_PLUGINS_DIR", "plugins.dir");

    private record Override(String path, String value, String origin) {}

    private final Map<String, String> env;
    private final Path workingDir;
    private final List<Override> commandLine = new ArrayList<>();
    private Origins lastOrigins;

    /** {@code env} is usually {@code System.getenv()}; {@code workingDir} resolves relative override paths. */
    public ConfigLoader(Map<String, String> env, Path workingDir) {
        this.env = Map.copyOf(env);
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    /**
     * A command-line setting, which wins over the file and the environment: {@code set("data", dir, "--data")}. The
     * path is dotted ({@code chat.console}); {@code origin} is how a message names it.
     */
    public ConfigLoader set(String path, String value, String origin) {
        commandLine.add(new Override(path, value, origin));
        return this;
    }

    /**
     * Does ahead what the first {@link #load} of any loader would spend most of its time on, binding's set-up, so a
     * start can run it on a second thread while the file is read and parsed. Optional, safe from any thread.
     */
    public static void prepare() {
        Binder.prepare();
    }

    public WardenConfig load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        return load(read(absolute), new Origins(absolute.toString()), absolute.getParent());
    }

    /**
     * The file's text, refused before a byte is read when it is not a regular file or larger than {@link #MAX_BYTES}:
     * reading a FIFO would wait forever, {@code /dev/zero} would fill the heap.
     */
    private static String read(Path file) throws ConfigException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new ConfigException(file + ": is a directory; give the YAML file");
            }
            if (!attributes.isRegularFile()) {
                throw new ConfigException(file + ": not a regular file (a FIFO, device or socket); give the YAML file");
            }
            if (attributes.size() > MAX_BYTES) {
                throw tooLarge(file, attributes.size());
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // it may have grown since
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file, bytes.length);
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text; a config file is YAML in UTF-8");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static ConfigException tooLarge(Path file, long size) {
        return new ConfigException(
                file + ": " + size + " bytes is too large for a config file; at most " + MAX_BYTES + " (1 MiB)");
    }

    /** The configuration used without {@code --config}: bundled plugins and the game-server simulator. */
    public WardenConfig loadEmbeddedDefault() throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(EMBEDDED_DEFAULT + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return load(text, new Origins("embedded default config " + EMBEDDED_DEFAULT), workingDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EMBEDDED_DEFAULT, e);
        }
    }

    private WardenConfig load(String text, Origins origins, Path baseDir) throws ConfigException {
        ObjectNode root = YamlTree.read(text, origins);
        for (Map.Entry<String, String> e : ENV.entrySet()) {
            String value = env.get(e.getKey());
            if (value != null && !value.isBlank()) {
                override(root, origins, new Override(e.getValue(), value, "environment variable " + e.getKey()));
            }
        }
        for (Override o : commandLine) {
            override(root, origins, o);
        }
        GameDialect.inherit(root, origins);
        new Completer(baseDir, tokens(), origins).complete(root);
        WardenConfig config = Binder.bind(root, origins);
        new Validator(origins).check(config);
        lastOrigins = origins;
        return config;
    }

    /**
     * Checks what the config last loaded by this loader asks of the machine ({@code http.host} resolvable, the port
     * free, the folders the host writes to or runs in usable); run before any child starts. Fails with a message
     * worded like the loader's: where the field was set, the field, its value and what is wrong.
     */
    public void checkBeforeStart(WardenConfig config) throws ConfigException {
        if (lastOrigins == null) {
            throw new IllegalStateException("load a config with this loader first");
        }
        new StartChecks(lastOrigins).check(config);
    }

    private void override(ObjectNode root, Origins origins, Override o) {
        String[] keys = o.path().split("\\.");
        ObjectNode parent = root;
        Type type = WardenConfig.class;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = parent.get(keys[i]);
            if (child == null || !child.isObject()) {
                child = parent.putObject(keys[i]);
            }
            parent = (ObjectNode) child;
            type = componentType(type, keys[i]);
        }
        String last = keys[keys.length - 1];
        boolean isPath = componentType(type, last) == Path.class;
        // Paths from outside the file are relative to where Warden was started, not to the file.
        parent.put(last, isPath ? workingDir.resolve(o.value()).normalize().toString() : o.value());
        origins.override(o.path(), o.origin());
    }

    private static Type componentType(Type owner, String name) {
        if (owner instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getName().equals(name)) {
                    return rc.getGenericType();
                }
            }
        }
        throw new IllegalArgumentException("no config field " + name + " in " + owner.getTypeName());
    }

    /** {@code ${java}} and {@code ${warden.classpath}}: how to start a JVM like this one, from any folder. */
    private static Map<String, String> tokens() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return Map.of("java", java, "warden.classpath", classpath);
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
