/**
 * What a Warden plugin is written against: {@link warden.api.ChatCommand} for {@code !commands}, {@link
 * warden.api.EventListener} for chat lines and game events, and the {@link warden.api.PluginContext} both receive.
 *
 * <p>A plugin is an ordinary pf4j plugin jar. Warden runs each plugin in its own JVM, so nothing here is shared
 * between plugins and nothing here is a Vert.x type. Depend on this module with {@code provided} scope.
 */
package warden.api;
