package warden.host.alerts;

import java.time.Instant;

/** What one channel is asked to deliver: an alert as it stood when the notification was decided. */
record Notification(Notice kind, Alert alert, Instant at) {}
