package warden.host.config;

/**
 * The dashboard and API listener.
 *
 * @param adminToken null: generated on first start and kept in the data dir
 */
public record HttpConfig(String host, int port, String adminToken) {

    public static final HttpConfig DEFAULT = new HttpConfig("127.0.0.1", 8080, null);
}
