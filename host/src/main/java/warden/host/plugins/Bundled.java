package warden.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The example plugins that travel inside warden.jar under {@code /bundled-plugins}, copied out for the default. */
final class Bundled {

    static final List<String> JARS = List.of("dice-roller.jar", "eightball.jar", "counter.jar");

    private Bundled() {}

    static List<Path> extract(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.createDirectories(dir);
        for (String name : JARS) {
            try (InputStream in = Bundled.class.getResourceAsStream("/bundled-plugins/" + name)) {
                if (in != null) {
                    Path target = dir.resolve(name);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    written.add(target);
                }
            }
        }
        return written;
    }
}
