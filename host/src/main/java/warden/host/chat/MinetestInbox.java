package warden.host.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into a Minetest server, which reads no stdin: the bundled {@code warden_bridge} mod (resources {@code
 * minetest-bridge/}) polls {@code <world>/supervisor_inbox.txt} once a second. Each line is {@code <to>TAB<text>}:
 * {@code *} broadcasts with {@code minetest.chat_send_all}, a player name sends to that player alone with {@code
 * minetest.chat_send_player} (how admin-only answers stay with the admin). The mod takes the file by renaming it, so a line appended here lands either in the taken
 * file or in a fresh inbox, never in a truncated one.
 *
 * <p>File writes run on a worker thread, in order; the event loop never waits on disk.
 */
final class MinetestInbox {

    static final String FILE = "supervisor_inbox.txt";
    static final String MOD = "warden_bridge";
    /** The target that means every player. */
    static final String EVERYONE = "*";

    private static final Logger LOG = LoggerFactory.getLogger(MinetestInbox.class);

    private final Vertx vertx;
    private final Path world;

    MinetestInbox(Vertx vertx, Path world) {
        this.vertx = vertx;
        this.world = world;
    }

    /** Copies the bridge mod into {@code <world>/worldmods/}; the server loads it at its next start. */
    Future<Void> installMod() {
        return vertx.executeBlocking(
                () -> {
                    Path dir = world.resolve("worldmods").resolve(MOD);
                    Files.createDirectories(dir);
                    for (String file : new String[] {"mod.conf", "init.lua"}) {
                        try (InputStream in = MinetestInbox.class.getResourceAsStream("/minetest-bridge/" + file)) {
                            if (in == null) {
                                throw new IOException("bundled minetest-bridge/" + file + " is missing");
                            }
                            Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    return null;
                },
                true);
    }

    /** {@code to}: {@link #EVERYONE} or one player's name (Minetest names are {@code [A-Za-z0-9_-]}, no tab). */
    void append(String to, String text) {
        String line = to + "\t" + text.replace('\t', ' ');
        vertx.executeBlocking(
                        () -> {
                            try {
                                Files.writeString(
                                        world.resolve(FILE),
                                        line + "\n",
                                        StandardCharsets.UTF_8,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.APPEND);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return null;
                        },
                        true)
                .onFailure(e -> LOG.warn("cannot write the Minetest inbox {}: {}", world.resolve(FILE), e.toString()));
    }
}
