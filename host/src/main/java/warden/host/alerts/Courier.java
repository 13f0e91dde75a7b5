package warden.host.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import warden.host.config.AlertsConfig.Channel;

/**
 * Delivers one channel's notifications one at a time, in order, with retries after a doubling back-off. The queue is
 * bounded: when a channel is down or slow, what does not fit is dropped and recorded, and the host goes on
 * supervising; nothing here ever blocks the event loop or waits on the channel.
 *
 * <p>Every attempt, good or bad, is reported to the {@link Log}. Owned by the {@link AlertService}, on the host
 * context.
 */
final class Courier {

    /** Where attempts are recorded: the alert history. */
    interface Log {
        void attempt(Notification n, String channel, int attempt, String outcome, String detail);
    }

    private final Vertx vertx;
    private final Channel channel;
    private final Transport transport;
    private final Log log;
    private final Deque<Notification> queue = new ArrayDeque<>();
    private boolean busy;
    private boolean closed;

    Courier(Vertx vertx, Channel channel, Transport transport, Log log) {
        this.vertx = vertx;
        this.channel = channel;
        this.transport = transport;
        this.log = log;
    }

    String name() {
        return channel.name();
    }

    Channel channel() {
        return channel;
    }

    int queued() {
        return queue.size();
    }

    void offer(Notification n) {
        if (closed) {
            return;
        }
        if (queue.size() >= channel.queue()) {
            log.attempt(n, channel.name(), 0, "dropped", "queue full (" + channel.queue() + " waiting)");
            return;
        }
        queue.add(n);
        if (!busy) {
            next();
        }
    }

    /** One attempt, outside the queue, with its outcome: for the test button. */
    Future<Void> test(Notification n) {
        return transport
                .send(n)
                .andThen(ar -> log.attempt(
                        n,
                        channel.name(),
                        1,
                        ar.succeeded() ? "ok" : "failed",
                        ar.succeeded() ? null : message(ar.cause())));
    }

    void close() {
        closed = true;
        queue.clear();
        transport.close();
    }

    private void next() {
        Notification n = queue.poll();
        if (n == null || closed) {
            busy = false;
            return;
        }
        busy = true;
        Promise<Void> done = Promise.promise();
        attempt(n, 1, channel.backoff().toMillis(), done);
        done.future().onComplete(ar -> next());
    }

    private void attempt(Notification n, int attempt, long backoffMs, Promise<Void> done) {
        Future<Void> sent;
        try {
            sent = transport.send(n);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(ar -> {
            if (ar.succeeded()) {
                log.attempt(n, channel.name(), attempt, "ok", null);
                done.complete();
                return;
            }
            boolean last = attempt > channel.retries() || closed;
            log.attempt(
                    n,
                    channel.name(),
                    attempt,
                    "failed",
                    message(ar.cause()) + (last ? "; giving up" : "; retrying in " + backoffMs + "ms"));
            if (last) {
                done.complete();
            } else {
                vertx.setTimer(Math.max(1, backoffMs), id -> attempt(n, attempt + 1, backoffMs * 2, done));
            }
        });
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
