package warden.host.config;

/**
 * A game server's console dialect: which patterns read its players and chat, and how replies reach it. Written {@code
 * vintagestory} and {@code minetest} in the config ({@code services[].game}, {@code chat.game.dialect}); the binder
 * refuses any other word, naming these.
 */
public enum Dialect {
    VINTAGESTORY,
    MINETEST;

    /** As written in the config. */
    @Override
    public String toString() {
        return EnumNames.of(this);
    }
}
