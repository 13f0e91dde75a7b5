package warden.api;

/**
 * One line of chat.
 *
 * @param origin where it was written, e.g. {@code "console"} or {@code "irc:#warden"}
 * @param user who wrote it
 * @param text the whole line as written
 */
public record ChatLine(String origin, String user, String text) {}
