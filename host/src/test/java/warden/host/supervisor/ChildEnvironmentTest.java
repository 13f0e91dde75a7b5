package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a child inherits from the host's environment, and what it does not. */
class ChildEnvironmentTest {

    private static final Map<String, String> HOST = Map.of(
            "PATH", "/usr/bin:/bin",
            "HOME", "/home/admin",
            "WARDEN_ADMIN_TOKEN", "s3cret-admin-token-of-the-host",
            "WARDEN_HTTP_PORT", "8080",
            "WARDEN_DATA_DIR", "/srv/warden");

    @Test
    void theHostsAdminTokenAndSettingsAreNotInheritedButEverythingElseIs() {
        Map<String, String> env = Launcher.environment(HOST, Map.of(), "/srv/warden", "dice");

        assertFalse(env.containsKey("WARDEN_ADMIN_TOKEN"), env.toString());
        assertFalse(env.containsKey("WARDEN_HTTP_PORT"), env.toString());
        assertFalse(env.containsKey("WARDEN_DATA_DIR"), env.toString());
        assertEquals("/usr/bin:/bin", env.get("PATH"));
        assertEquals("/home/admin", env.get("HOME"));
        assertEquals("/srv/warden", env.get(ProcessTree.HOST_VAR));
        assertEquals("dice", env.get(ProcessTree.CHILD_VAR));
    }

    @Test
    void aVariableTheSpecSetsItselfIsKeptEvenWhenItIsOneOfTheHosts() {
        Map<String, String> env = Launcher.environment(
                HOST, Map.of("WARDEN_HTTP_PORT", "9090", "GAME_MODE", "hard"), "/srv/warden", "dice~g2");

        assertEquals("9090", env.get("WARDEN_HTTP_PORT"));
        assertEquals("hard", env.get("GAME_MODE"));
        assertEquals("2", env.get(ProcessTree.GENERATION_VAR));
        assertFalse(env.containsKey("WARDEN_ADMIN_TOKEN"));
    }
}
