package warden.host.supervisor;

/**
 * How much of a child's output the host captures: a token bucket of lines and one of bytes, each refilled at its rate
 * and holding {@link #BURST_SECONDS} seconds' worth, so a game server's start-up burst passes whole. Lines past it
 * are dropped from the log file and the tail, counted, and marked there ("[warden: N lines dropped ...]").
 *
 * @param linesPerSecond lines captured per second, on average
 * @param bytesPerSecond bytes captured per second, on average
 */
public record OutputLimit(int linesPerSecond, long bytesPerSecond) {

    public static final int BURST_SECONDS = 10;
    public static final OutputLimit DEFAULT = new OutputLimit(1000, 1024 * 1024);

    public OutputLimit {
        if (linesPerSecond < 1 || bytesPerSecond < 1) {
            throw new IllegalArgumentException("an output limit needs at least 1 line and 1 byte a second");
        }
    }
}
