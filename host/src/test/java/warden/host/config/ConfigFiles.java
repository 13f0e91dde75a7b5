package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One config file in a test's temporary folder, loaded as {@code warden} loads it: what the config tests share, so
 * each of them reads as the YAML it writes and the outcome or message it expects.
 */
final class ConfigFiles {

    final Path dir;
    final Path file;

    ConfigFiles(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("warden.yaml");
    }

    WardenConfig load(String yaml) throws IOException, ConfigException {
        return load(yaml, Map.of());
    }

    WardenConfig load(String yaml, Map<String, String> env) throws IOException, ConfigException {
        Files.writeString(file, yaml);
        return new ConfigLoader(env, dir).load(file);
    }

    /** The message of the {@link ConfigException} that {@code yaml} must cause. */
    String error(String yaml) throws IOException {
        return error(yaml, Map.of());
    }

    String error(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(file, yaml);
        return error(file, env);
    }

    /** The message of the {@link ConfigException} the start-up checks give for {@code yaml}, which loads. */
    String startError(String yaml) throws IOException, ConfigException {
        Files.writeString(file, yaml);
        ConfigLoader loader = new ConfigLoader(Map.of(), dir);
        WardenConfig config = loader.load(file);
        return assertThrows(ConfigException.class, () -> loader.checkBeforeStart(config))
                .getMessage();
    }

    /** The message for loading {@code config} as it is (a FIFO, a device, a big file). */
    String error(Path config) {
        return error(config, Map.of());
    }

    private String error(Path config, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(env, dir).load(config))
                .getMessage();
    }
}
