package warden.api;

import java.util.Map;

/**
 * What a handler can do while it handles one command or event. Valid only during that call: do not keep it.
 *
 * <p>Everything written with {@link #reply} is delivered together when the handler returns, in order.
 */
public interface PluginContext {

    /** Answers whoever sent the command or event, where it came from. */
    void reply(String text);

    /** Says something in every connected chat, not only where the event came from. */
    void broadcast(String text);

    /**
     * Writes a line to the plugin's log, which the host keeps with the plugin's other output. {@code System.out} and
     * {@code System.err} end up there too; they never disturb the protocol.
     */
    void log(String message);

    /**
     * Adds {@code delta} to a named counter of this plugin and returns the new value. The host shows the counters in
     * its metrics and dashboard; they start at zero in a fresh plugin process.
     */
    long count(String name, long delta);

    /** The current value of a named counter; zero when never counted. */
    long counter(String name);

    /** Who sent the command or event; empty for game events. */
    String user();

    /** Where the command or event came from, e.g. {@code "console"}, {@code "irc:#warden"}. */
    String origin();

    /**
     * This plugin's own section of the host configuration ({@code plugins.config.<plugin-id>} in {@code warden.yaml}),
     * as plain maps, lists, strings, numbers and booleans. Empty when the section is missing. Read-only.
     */
    Map<String, Object> config();
}
