package warden.host.supervisor;

import java.time.Instant;

/**
 * A start, stop or restart of a child that was not a crash: asked for (from chat, the API or the console) or done by
 * the supervisor after a crash. With the crash records these are the markers on a child's charts, and they outlive
 * the host like the charts' history does.
 *
 * @param kind {@code start}, {@code stop} or {@code restart}
 * @param detail why: {@code requested}, {@code after a crash}, {@code after back-off}, …
 */
public record ControlEvent(String childId, Instant at, String kind, String detail) {}
