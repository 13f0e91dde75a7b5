package warden.host.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir is the owner's alone: the directory 0700, everything in it (the database, child logs, the admin token)
 * 0600, set when a file is created and fixed at every start for files made by older versions or by hand. On a file
 * system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates {@code dir} (0700) if needed, then makes it and everything below it owner-only. Blocking. */
    public static void secure(Path dataDir) throws IOException {
        directory(dataDir);
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                set(p, Files.isDirectory(p) ? DIR : FILE);
            }
        }
    }

    /** Creates {@code dir} and its missing parents; the last one is made (or made again) 0700. */
    public static void directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, attribute(DIR));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
        set(dir, DIR);
    }

    /** Creates {@code file} empty with 0600 when it does not exist yet, so it is never readable by others. */
    public static void create(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException raced) {
            // Someone else made it first; restrict() below still applies.
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** A new empty 0600 file in {@code dir}, for writing and then moving into place. */
    public static Path createTemp(Path dir, String prefix) throws IOException {
        try {
            return Files.createTempFile(dir, "." + prefix, ".tmp", attribute(FILE));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "." + prefix, ".tmp");
        }
    }

    /** Makes an existing file 0600. */
    public static void restrict(Path file) throws IOException {
        set(file, FILE);
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }

    private static void set(Path p, Set<PosixFilePermission> perms) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(p).equals(perms)) {
                Files.setPosixFilePermissions(p, perms);
                LOG.debug("made {} owner-only", p);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: its own access rules apply.
        }
    }
}
