package warden.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A chat command such as {@code !roll 2d6}. Annotate the implementing class with {@code @org.pf4j.Extension}; Warden
 * finds it through the jar's {@code META-INF/extensions.idx}, which pf4j's annotation processor writes at compile time.
 *
 * <p>Commands of one plugin are handled one at a time, in arrival order, on the plugin's single worker thread: a
 * handler needs no locks for state it keeps to itself. A handler that takes longer than the host's heartbeat timeout
 * is treated as hung and its plugin is restarted.
 */
public interface ChatCommand extends ExtensionPoint {

    /** The name typed after the prefix, without it: {@code "roll"} for {@code !roll}. Lower case, no spaces. */
    String name();

    /** One line showing the arguments, e.g. {@code "roll <count>d<sides>"}. Defaults to the name. */
    default String usage() {
        return name();
    }

    /** One sentence saying what the command does, shown by {@code !help}. */
    String help();

    /**
     * Answers one invocation. Reply with {@link PluginContext#reply}; a thrown exception is reported to the user as a
     * failure and counted as "failed" for this plugin, and the plugin keeps running.
     *
     * @param args the words after the command name, split on white space; empty when there are none
     */
    void handle(PluginContext context, List<String> args) throws Exception;
}
