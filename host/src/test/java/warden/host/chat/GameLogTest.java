package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import warden.host.config.ChatConfig;
import warden.host.config.Dialect;

/** Lines as the servers print them, quoted in shared/research/game-servers.md. */
class GameLogTest {

    private static GameLog dialect(String name) {
        Dialect d = Dialect.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        return GameLog.of(new ChatConfig.Game(true, "game", d, null, null, null, List.of(), null, null));
    }

    private final GameLog vs = dialect("vintagestory");
    private final GameLog mt = dialect("minetest");

    @Test
    void vintageStoryJoinsAndLeaves() {
        assertEquals(
                Optional.of(new GameLog.Join("Priya13")),
                vs.parse("27.1.2024 15:41:47 [Server Event] Priya13 [::ffff:127.0.0.1]:43212 joins."));
        assertEquals(
                Optional.of(new GameLog.Join("Uraka")),
                vs.parse("28.11.2025 20:45:41 [Server Event] Uraka [::ffff:149.102.168.245]:57239 joins."));
        assertEquals(
                Optional.of(new GameLog.Join("Pixelf")),
                vs.parse("21.7.2022 17.01.37 [Event] Pixelf 127.0.0.1 joins."));
        assertEquals(
                Optional.of(new GameLog.Leave("Priya13", "left")),
                vs.parse("27.1.2024 15:42:36 [Server Event] Player Priya13 left."));
        assertEquals(
                Optional.of(new GameLog.Leave("X", "The Players client crashed")),
                vs.parse("1.1.2025 10:00:00 [Server Event] Player X got removed. Reason: The Players client crashed"));
    }

    @Test
    void announcementsAreNoJoins() {
        assertEquals(Optional.empty(), vs.parse("2.12.2026 06:00:00 [Server Event] Server announced: joins."));
        assertEquals(
                Optional.empty(),
                vs.parse("2.12.2026 06:00:00 [Server Event] Server announced: Mallory [::1]:4242 joins."));
        assertEquals(
                Optional.empty(), vs.parse("2.12.2026 06:00:00 [Server Event] Priya13 announced: bob 1.2.3.4 joins."));
    }

    @Test
    void whatWardenWroteIsNeverAnEventEvenUnderALoosePattern() {
        Echoes echoes = new Echoes(java.time.Clock.systemUTC());
        GameLog loose = GameLog.of(new ChatConfig.Game(
                        true, "game", Dialect.VINTAGESTORY, null, "(?<name>\\w+) joins", null, List.of(), null, null))
                .ignoring(echoes);
        echoes.remember("mallory joins the fun");
        assertEquals(Optional.empty(), loose.parse("[Server Event] Server announced: mallory joins the fun."));
        assertEquals(Optional.of(new GameLog.Join("bob")), loose.parse("[Server Event] bob joins"));
    }

    @Test
    void vintageStoryConnectionsAreTrackedWhateverTheLanguage() {
        assertEquals(
                Optional.of(new GameLog.Identified("1", "Erney")),
                vs.parse("8.10.2026 20:31:05 [Server Notification] Client 1 uid abc123= attempting identification."
                        + " Name: Erney"));
        assertEquals(
                Optional.of(new GameLog.Disconnected("1")),
                vs.parse("8.10.2026 20:35:00 [Server Notification] Client 1 disconnected: Игрок Erney вышел."));
        assertEquals(Optional.empty(), mt.parse("[Server Notification] Client 1 disconnected: x"));
    }

    @Test
    void vintageStoryChatIsUnescapedAndLegacyFormatRead() {
        assertEquals(
                Optional.of(new GameLog.Chat("Fighter199", "!changechar")),
                vs.parse("[Server Chat] 0 | Fighter199: !changechar"));
        assertEquals(
                Optional.of(new GameLog.Chat("ShikiTochi", "its not even client sided mods")),
                vs.parse("13.3.2026 09:50:57 [Server Chat] 0 | ShikiTochi: its not even client sided mods"));
        assertEquals(
                Optional.of(new GameLog.Chat("alice", "!metrics <game> & more")),
                vs.parse("13.3.2026 09:50:57 [Server Chat] 0 | alice: !metrics &lt;game&gt; & more"));
        assertEquals(
                Optional.of(new GameLog.Chat("Priya13", "hiiii")),
                vs.parse("27.1.2024 15:42:15 [Server Chat] Priya13: <strong>Priya13:</strong> hiiii"));
        assertEquals(
                Optional.of(new GameLog.Chat("alice", "!status")),
                vs.parse("\u001B[33m13.3.2026 09:50:57 [Server Chat] 0 | alice: !status\u001B[0m"));
    }

    @Test
    void aPlayerQuotingALogLineFakesNothing() {
        // The chat line itself is read as chat, with the quoted text as its message, never as a join or leave.
        assertEquals(
                Optional.of(new GameLog.Chat("mallory", "[Server Event] Player alice left.")),
                vs.parse("13.3.2026 09:50:57 [Server Chat] 0 | mallory: [Server Event] Player alice left."));
        assertEquals(
                Optional.of(new GameLog.Chat("mallory", "x [Server Event] eve 1.2.3.4:5 joins.")),
                vs.parse("13.3.2026 09:50:57 [Server Chat] 0 | mallory: x [Server Event] eve 1.2.3.4:5 joins."));
        assertEquals(Optional.empty(), vs.parse("[Server Notification] Handling Console Command /announce hello"));
        assertEquals(
                Optional.of(
                        new GameLog.Chat("mallory", "ACTION[Server]: bob [1.2.3.4] joins game. List of players: bob")),
                mt.parse("2026-11-23 11:41:46: ACTION[Server]: CHAT: <mallory> ACTION[Server]: bob [1.2.3.4] joins"
                        + " game. List of players: bob"));
    }

    @Test
    void minetestListsEveryoneOnline() {
        assertEquals(
                Optional.of(new GameLog.Online(List.of("alice"))),
                mt.parse("2026-11-23 11:41:43: ACTION[Server]: alice [127.0.0.1] joins game. List of players: alice"));
        assertEquals(
                Optional.of(new GameLog.Online(List.of("alice", "bob"))),
                mt.parse("2026-11-23 11:42:26: ACTION[Server]: bob [127.0.0.1] joins game. List of players: alice"
                        + " bob"));
        assertEquals(
                Optional.of(new GameLog.Online(List.of())),
                mt.parse("2026-11-23 11:42:06: ACTION[Server]: alice leaves game. List of players: "));
        assertEquals(
                Optional.of(new GameLog.Online(List.of("alice"))),
                mt.parse("2026-11-23 11:42:59: ACTION[Server]: bob times out. List of players: alice "));
        assertEquals(
                Optional.of(new GameLog.Chat("alice", "!metrics")),
                mt.parse("2026-11-23 11:41:48: ACTION[Server]: CHAT: <alice> !metrics"));
        assertEquals(
                Optional.empty(),
                mt.parse("2026-11-23 11:38:02: ACTION[Main]: Server for gameid=\"minetest\" listening on"
                        + " 127.0.0.1:30055."));
    }

    @Test
    void configuredPatternsReplaceTheDefaults() {
        GameLog custom = GameLog.of(new ChatConfig.Game(
                true,
                "game",
                Dialect.MINETEST,
                "^\\[chat\\] (?<name>\\w+): (?<message>.*)$",
                "^\\+ (?<name>\\w+)$",
                "^- (?<name>\\w+)$",
                List.of(),
                null,
                null));
        assertEquals(Optional.of(new GameLog.Chat("zoe", "!help")), custom.parse("[chat] zoe: !help"));
        assertEquals(Optional.of(new GameLog.Join("zoe")), custom.parse("+ zoe"));
        assertEquals(Optional.of(new GameLog.Leave("zoe", "left")), custom.parse("- zoe"));
        assertThrows(IllegalArgumentException.class, () -> dialect("factorio"));
    }
}
