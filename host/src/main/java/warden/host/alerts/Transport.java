package warden.host.alerts;

import io.vertx.core.Future;

/** One way of delivering a notification (an HTTP POST, a mail, chat lines); one attempt per call. */
interface Transport {
    Future<Void> send(Notification n);

    /** Releases connections or clients it holds; at host stop. */
    default void close() {}
}
