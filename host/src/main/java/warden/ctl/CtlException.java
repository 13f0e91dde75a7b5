package warden.ctl;

/**
 * A command that could not do what it was asked, with the exit code {@code warden ctl} leaves with: {@link #FAILED}
 * when the host answered no, {@link #UNREACHABLE} when there was no host to ask or it refused the token. The message
 * is printed after "warden ctl: ".
 */
final class CtlException extends RuntimeException {

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    final int exitCode;

    CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
