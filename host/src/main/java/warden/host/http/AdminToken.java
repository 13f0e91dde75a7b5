package warden.host.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one admin secret: from the config, else {@code WARDEN_ADMIN_TOKEN}, else {@code dataDir/admin-token}, which is
 * generated (and printed once to the console) on first start with owner-only permissions.
 *
 * <p>The token never goes through the logger: the console line on generation is the only place it is shown.
 */
final class AdminToken {

    static final String FILE = "admin-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Blocking (file I/O): call from a worker or at start-up. */
    static AdminToken resolve(String configured, String fromEnv, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new AdminToken(configured.strip());
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AdminToken(fromEnv.strip());
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return new AdminToken(Files.readString(file).strip());
        }
        Files.createDirectories(dataDir);
        String generated = randomToken(32);
        try {
            // Created with 0600 in one step, so the secret is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return new AdminToken(Files.readString(file).strip());
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, generated + "\n");
        System.out.println("warden: generated the admin token " + generated + " (kept in " + file + ")");
        return new AdminToken(generated);
    }

    /** Constant-time, so the comparison time leaks nothing about the token. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
