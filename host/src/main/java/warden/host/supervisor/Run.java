package warden.host.supervisor;

import java.time.Instant;

/**
 * One process of a child, from spawn request to handled exit. A child has at most one run at a time; callbacks from
 * an earlier run (a late timer, a late output batch) see that their run is over and do nothing.
 *
 * <p>Owned by its {@link Child}, on the host context. Until the launcher answers, {@code process} is null.
 */
final class Run {

    final int number;
    OutputQueue output;
    Process process;
    long pid;
    Instant startedAt;
    StdinWriter stdin;
    ChildAttachment attachment;
    /** Why the supervisor killed it (not ready in time, protocol violation); null for an exit on its own. */
    String failReason;
    boolean stopRequested;
    boolean over;
    long readyTimer = -1;
    long settleTimer = -1;
    long stopTimer = -1;

    Run(int number) {
        this.number = number;
    }

    boolean hasProcess() {
        return process != null && !over;
    }
}
