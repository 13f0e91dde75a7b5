package warden.host;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code <data>/run/endpoint}: the address of the running host's API, where {@code warden ctl} on this machine finds
 * it. Written whole (a rename), so a reader never sees half an address; removed after a clean stop. A wildcard
 * listener is written as its loopback address, which is where a local client reaches it.
 */
final class Endpoint {

    private Endpoint() {}

    static Path file(Path data) {
        return data.resolve("run").resolve("endpoint");
    }

    /** A failure is reported, not fatal: ctl can still be given {@code --url}. */
    static void write(Path data, String url, PrintStream err) {
        Path file = file(data);
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling("endpoint.partial");
            Files.writeString(partial, url.replace("//0.0.0.0:", "//127.0.0.1:") + "\n");
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            err.println("warden: cannot write " + file + " (warden ctl will need --url): " + e.getMessage());
        }
    }

    static void remove(Path data, PrintStream err) {
        try {
            Files.deleteIfExists(file(data));
        } catch (IOException e) {
            err.println("warden: cannot remove " + file(data) + ": " + e.getMessage());
        }
    }
}
