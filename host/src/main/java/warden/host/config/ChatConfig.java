package warden.host.config;

/**
 * Chat connectors. Filled in by the chat capability; the console connector is on unless {@code --no-console}.
 *
 * @param console read admin commands from the host's stdin
 */
public record ChatConfig(boolean console) {

    public static final ChatConfig DEFAULT = new ChatConfig(true);
}
