package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.config.ConfigException;
import warden.host.config.ConfigLoader;
import warden.host.config.Dialect;
import warden.host.config.WardenConfig;

/** The {@code chat:} section through the real config loader: defaults, a full section, and mistakes it rejects. */
class ChatConfigTest {

    @TempDir
    Path dir;

    private WardenConfig load(String yaml) throws Exception {
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of(), dir).load(file);
    }

    @Test
    void aMissingSectionMeansTheConsoleOnly() throws Exception {
        ChatConfig chat = load("http: { port: 8080 }\n").chat();
        assertEquals(true, chat.console());
        assertEquals(false, chat.irc().enabled());
        assertEquals(6697, chat.irc().portOrDefault());
        assertEquals(Duration.ofMillis(500), chat.irc().replyInterval());
        assertEquals(false, chat.game().enabled());
        assertEquals(12, chat.commandsPerMinute());
    }

    @Test
    void aFullSectionIsRead() throws Exception {
        ChatConfig chat =
                load("""
                services:
                  - { id: game, command: [minetestserver] }
                chat:
                  irc:
                    enabled: true
                    server: irc.example.org
                    tls: false
                    channels: ['#ops']
                    adminMasks: ['alice!*@*']
                    reconnectMax: 1m
                  game: { enabled: true, dialect: minetest, admins: [alice], world: world }
                """)
                        .chat();
        assertEquals(6667, chat.irc().portOrDefault());
        assertEquals(List.of("#ops"), chat.irc().channels());
        assertEquals(Duration.ofMinutes(1), chat.irc().reconnectMax());
        assertEquals(Duration.ofSeconds(2), chat.irc().reconnectMin());
        assertEquals(Dialect.MINETEST, chat.game().dialect());
        assertEquals(dir.resolve("world"), chat.game().world());
    }

    @Test
    void aBadDialectOrPatternIsRejectedBeforeAnythingStarts() {
        String dialect = assertThrows(ConfigException.class, () -> load("chat: { game: { dialect: factorio } }\n"))
                .getMessage();
        assertTrue(
                dialect.contains("chat.game.dialect: \"factorio\" is not allowed; use one of: vintagestory, minetest"),
                dialect);
        String pattern = assertThrows(
                        ConfigException.class,
                        () -> load("chat: { game: { chatPattern: '^(?<name>\\\\w+): (.*)$' } }\n"))
                .getMessage();
        assertTrue(pattern.contains("chatPattern needs a group (?<message>...)"), pattern);
    }
}
