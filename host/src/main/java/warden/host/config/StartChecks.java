package warden.host.config;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a valid config can still get wrong about the machine, checked before any child starts: the listener's address
 * and port, and the folders the host will write to or run in. Found later, the same mistake would leave children
 * running under a host that then fails (a port already taken is only seen once the HTTP server binds, after every
 * child is up), or a child retried forever in a folder that does not exist.
 *
 * <p>Each problem is a {@link ConfigException} worded like the loader's: where the field was set, the field, the value
 * and what is wrong.
 */
final class StartChecks {

    private final Origins origins;

    StartChecks(Origins origins) {
        this.origins = origins;
    }

    void check(WardenConfig config) throws ConfigException {
        listener(config.http());
        writableDir(config.data().resolve("logs"), "data", config.data() + " (its logs folder)");
        List<ServiceConfig> services = config.services();
        for (int i = 0; i < services.size(); i++) {
            Path dir = services.get(i).workingDir();
            if (!Files.isDirectory(dir)) {
                throw ConfigException.at(
                        origins,
                        Origins.element("services", i) + ".workingDir",
                        dir + " is not a folder; the service's command runs in it");
            }
        }
        ChatConfig.Game game = config.chat().game();
        if (game.enabled() && game.dialect() == Dialect.MINETEST && game.world() != null) {
            writableDir(game.world(), "chat.game.world", game.world().toString());
        }
        ChatConfig.Irc irc = config.chat().irc();
        if (irc.enabled() && irc.trustCertificate() != null && !Files.isReadable(irc.trustCertificate())) {
            throw ConfigException.at(
                    origins, "chat.irc.trustCertificate", irc.trustCertificate() + " cannot be read; give a PEM file");
        }
    }

    /** Binds and closes the configured address, as the HTTP server will, so "in use" is told before anything runs. */
    private void listener(HttpConfig http) throws ConfigException {
        InetAddress address;
        try {
            address = InetAddress.getByName(http.host());
        } catch (UnknownHostException e) {
            throw ConfigException.at(
                    origins,
                    "http.host",
                    Binder.quote(http.host()) + " cannot be resolved; use an address such as"
                            + " 127.0.0.1 or 0.0.0.0, or a name this machine resolves");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Vert.x does: a socket in TIME_WAIT does not make a port busy
            probe.bind(new InetSocketAddress(address, http.port()));
        } catch (BindException e) {
            boolean inUse = String.valueOf(e.getMessage()).contains("in use");
            throw inUse
                    ? ConfigException.at(
                            origins,
                            "http.port",
                            http.port() + " is in use on " + http.host()
                                    + " (another program listens on it); stop it, pick another port, or 0 for any free"
                                    + " port")
                    : ConfigException.at(
                            origins,
                            "http.host",
                            Binder.quote(http.host()) + " cannot be listened on (" + e.getMessage()
                                    + "); use an address of this machine, 127.0.0.1 or 0.0.0.0");
        } catch (IOException e) {
            throw ConfigException.at(
                    origins,
                    "http.host",
                    http.host() + ":" + http.port() + " cannot be listened on: " + e.getMessage());
        }
    }

    /** Creates {@code dir} if need be and writes a file in it: the test that holds for root and read-only mounts. */
    private void writableDir(Path dir, String field, String shown) throws ConfigException {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".warden-probe", ""));
        } catch (FileAlreadyExistsException e) {
            throw ConfigException.at(origins, field, shown + ": " + e.getFile() + " is a file, not a folder");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            String why = "cannot write in " + dir + ": " + reason;
            throw ConfigException.at(origins, field, shown + ": " + why + "; the host writes there");
        }
    }
}
