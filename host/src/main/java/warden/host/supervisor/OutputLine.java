package warden.host.supervisor;

import java.time.Instant;

/** One line a child wrote. {@code stream} is "out" or "err". */
public record OutputLine(Instant at, String stream, String text) {}
