package warden.host.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import warden.host.storage.PrivateFiles;

/**
 * The one admin secret: from the config, else {@code WARDEN_ADMIN_TOKEN}, else {@code dataDir/admin-token}, which is
 * generated (and printed once to the console) on first start with owner-only permissions.
 *
 * <p>A token shorter than {@link #MIN_LENGTH} characters is refused wherever it comes from, and never matches: a blank
 * one would let an empty login in. The file is written to a temporary file (0600) and moved into place, so a crash or a
 * full disk never leaves an empty token file behind; an empty file found anyway (left by an older version) is replaced
 * by a fresh token.
 *
 * <p>The token never goes through the logger: the console line on generation is the only place it is shown.
 */
final class AdminToken {

    static final String FILE = "admin-token";
    /** The shortest token accepted anywhere; a generated one has 43 characters. */
    static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Blocking (file I/O): call from a worker or at start-up.
     *
     * @throws IllegalArgumentException when the token found is shorter than {@link #MIN_LENGTH}, naming where it was
     */
    static AdminToken resolve(String configured, String fromEnv, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return checked(configured.strip(), "http.adminToken");
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.strip(), "WARDEN_ADMIN_TOKEN");
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String stored = Files.readString(file).strip();
            if (!stored.isEmpty()) {
                PrivateFiles.restrict(file);
                return checked(stored, file.toString());
            }
        }
        String generated = randomToken(32);
        write(file, generated);
        System.out.println("warden: generated the admin token " + generated + " (kept in " + file + ")");
        return new AdminToken(generated);
    }

    private static AdminToken checked(String token, String where) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(where + " holds a token of " + token.length() + " characters; the admin "
                    + "token needs at least " + MIN_LENGTH + " (remove it and Warden generates one)");
        }
        return new AdminToken(token);
    }

    /** Written whole to a 0600 temporary file beside it, then moved over it: readers see no file or all of it. */
    private static void write(Path file, String token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.directory(dir);
        Path temp = PrivateFiles.createTemp(dir, FILE);
        try {
            Files.writeString(temp, token + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Constant-time, so the comparison time leaks nothing about the token; short candidates never match. */
    boolean matches(String candidate) {
        return candidate != null
                && candidate.length() >= MIN_LENGTH
                && token.length >= MIN_LENGTH
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
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
