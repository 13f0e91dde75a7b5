package warden.host.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Map;

/**
 * The errno behind an I/O failure, for messages an operator can search for. The JDK keeps only the C library's text
 * ({@code strerror}), so the name is found from that text.
 */
final class Errno {

    private static final Map<String, String> NAMES = Map.of(
            "No space left on device", "ENOSPC",
            "Read-only file system", "EROFS",
            "Permission denied", "EACCES",
            "Disk quota exceeded", "EDQUOT",
            "Input/output error", "EIO",
            "Too many open files", "EMFILE",
            "No such file or directory", "ENOENT",
            "Not a directory", "ENOTDIR");

    private Errno() {}

    /**
     * "PATH: No space left on device (ENOSPC)", or the exception's own text when the errno is not known. {@code path}
     * is named when the exception names none (a failed write on an open channel does not).
     */
    static String describe(java.nio.file.Path path, IOException e) {
        String named = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        return describe(named != null ? named : path == null ? null : path.toString(), e);
    }

    private static String describe(String path, IOException e) {
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null && e instanceof AccessDeniedException) {
            reason = "Permission denied";
        }
        if (reason == null) {
            reason = e.toString();
        }
        String name = name(reason);
        return (path == null ? "" : path + ": ") + reason + (name == null ? "" : " (" + name + ")");
    }

    /** "ENOSPC" for a message that contains "No space left on device", and so on; null when none is known. */
    static String name(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            if (message.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
