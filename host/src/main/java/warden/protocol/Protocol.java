package warden.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The numbers of the plugin wire protocol (plugin-api/PROTOCOL.md), defined once for both of its ends: the host's
 * {@code plugins} package and the runner in each plugin JVM. {@code ProtocolDocTest} checks PROTOCOL.md and the Python
 * example against them.
 *
 * <p>This package is plain Java (no Vert.x, no Jackson) because the runner loads it: each end turns the frame records
 * into JSON its own way, the host with Vert.x, the runner with Jackson's streaming core.
 */
public final class Protocol {

    /** The major version a hello states; the host refuses a child that speaks another. */
    public static final int VERSION = 1;

    /** The longest frame either end accepts, in characters: 1 MiB. */
    public static final int MAX_FRAME_CHARS = 1 << 20;

    /**
     * Warden's release version, from the pom ({@code project.version}, filtered into {@code version.properties}),
     * without a qualifier: pf4j compares Plugin-Requires by semver, in which 0.1.0-SNAPSHOT is older than 0.1.0, so a
     * snapshot build would refuse every plugin that requires {@code >=0.1.0}.
     */
    public static final String HOST_VERSION = release(read("version"));

    private Protocol() {}

    static String release(String projectVersion) {
        int dash = projectVersion.indexOf('-');
        return dash < 0 ? projectVersion : projectVersion.substring(0, dash);
    }

    private static String read(String key) {
        Properties p = new Properties();
        try (InputStream in = Protocol.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("warden/protocol/version.properties is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty(key);
    }
}
