package warden.api;

import org.pf4j.ExtensionPoint;

/**
 * Receives what happens around the plugin: every chat line (commands included) and players joining or leaving the game
 * server. Annotate the implementing class with {@code @org.pf4j.Extension}. Override only what you need: the host
 * sends a plugin only the kinds of events one of its listeners overrides.
 *
 * <p>Called on the same single worker thread as {@link ChatCommand#handle}. Replies go back to where the event came
 * from.
 */
public interface EventListener extends ExtensionPoint {

    /** A line someone wrote in any connected chat. */
    default void onChat(PluginContext context, ChatLine line) throws Exception {}

    /** A player joined or left the game server. */
    default void onPlayer(PluginContext context, PlayerEvent event) throws Exception {}
}
