package warden.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a plugin jar out of the plugins folder before a child runs it. The child runs the copy, so the jar in the
 * plugins folder can be overwritten at any moment (hot reload) without a running JVM reading a changing file. The
 * descriptor and the digest are taken from the copy, so they always describe what runs.
 *
 * <p>Blocking (file I/O): call it off the event loop. Copies are named by id and digest; an identical copy is reused.
 */
final class Staging {

    private final Path dir;
    private final Catalog catalog;

    Staging(Path dir, Catalog catalog) {
        this.dir = dir;
        this.catalog = catalog;
    }

    /** The descriptor of {@code jar}'s current content, staged; throws with a readable message when it is unusable. */
    Descriptor stage(Path jar) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "incoming-", ".jar");
        try {
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Descriptor read = catalog.read(tmp);
            String digest = sha256(tmp);
            Path staged = dir.resolve(read.id() + "-" + digest.substring(0, 16) + ".jar");
            Files.move(tmp, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Descriptor(
                            read.id(),
                            read.version(),
                            read.description(),
                            read.requires(),
                            read.dependencies(),
                            jar,
                            read.command(),
                            null,
                            "")
                    .staged(staged, digest);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
