package warden.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.ConfigLoader;

/**
 * Work that every start needs and that depends on nothing in the config, done on a second thread while the main
 * thread reads the config: loading SQLite's native library (sqlite-jdbc copies it out of its jar and compares it byte
 * by byte, about 30 ms here) and initialising Vert.x's and Netty's classes (their static set-up probes the platform).
 *
 * <p>Why: the children start only after the config is read, storage is open and the host verticle is deployed, and
 * on a 2-core machine the second core idles during the config parse. Nothing here is required: a failure is logged
 * at debug and the same work happens again, on the main path, where its errors are reported as before.
 */
final class Preload {

    private static final Logger LOG = LoggerFactory.getLogger(Preload.class);

    private static final String[] CLASSES = {
        "io.netty.util.internal.PlatformDependent",
        "io.netty.buffer.PooledByteBufAllocator",
        "io.vertx.core.Vertx",
        "io.vertx.core.json.JsonObject",
        "io.vertx.ext.web.Router",
        "io.micrometer.core.instrument.Metrics",
    };

    private Preload() {}

    static void start() {
        // Its own thread: the main thread needs it about 100 ms in, once the YAML is parsed.
        daemon("warden-preload-config", ConfigLoader::prepare);
        daemon("warden-preload", Preload::run);
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        CompilerPriority.lower();
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            LOG.debug("SQLite's native library not loaded ahead: {}", e.toString());
        }
        ClassLoader loader = Preload.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("{} not loaded ahead: {}", name, e.toString());
            }
        }
    }
}
