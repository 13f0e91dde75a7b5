package warden.host.config;

/**
 * How many records the SQLite file keeps. Each child keeps its newest ones whatever the others write, so a child in a
 * crash loop never erases another child's history.
 *
 * @param keepPerChild crash records, and control events (starts, stops, restarts), kept per child
 */
public record StorageConfig(int keepPerChild) {

    public static final StorageConfig DEFAULT = new StorageConfig(500);
}
