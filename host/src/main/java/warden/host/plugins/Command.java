package warden.host.plugins;

import java.util.List;

/**
 * A chat command on its way to a plugin: {@code !roll 2d6} from {@code alice} on {@code irc:#warden}.
 *
 * @param origin where it came from and where the reply goes, e.g. "console", "irc:#warden", "game:game"
 * @param name the command without prefix: "roll"
 */
public record Command(String origin, String user, String name, List<String> args, String raw) {}
