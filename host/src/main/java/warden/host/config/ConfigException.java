package warden.host.config;

/**
 * The configuration cannot be used. The message is meant for the person who wrote it, as is: where (file and line, or
 * the environment variable or option), the field path, the bad value, and what is allowed instead.
 */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException at(Origins origins, String path, String problem) {
        String where = origins.of(path);
        return new ConfigException(path.isEmpty() ? where + ": " + problem : where + ": " + path + ": " + problem);
    }
}
