package warden.host.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

/**
 * {@code POST /login} (form field {@code token}): starts a dashboard session. Failures are counted per remote address,
 * and past the limit a wrong token gets 429 instead of another try; the right token always logs in, so a guesser on
 * the same address cannot lock the admin out. Success regenerates the session id (no fixation) and gives the session
 * its CSRF token.
 */
final class LoginHandler {

    private final AdminToken token;
    private final LoginLimiter limiter;

    LoginHandler(AdminToken token, LoginLimiter limiter) {
        this.token = token;
        this.limiter = limiter;
    }

    void login(RoutingContext ctx) {
        String address = ctx.request().remoteAddress().hostAddress();
        String candidate = ctx.request().getFormAttribute("token");
        // The right token is never refused, limit or not: failures from an address must not lock its owner out.
        if (!token.matches(candidate == null ? null : candidate.strip())) {
            long wait = limiter.retryAfterSeconds(address);
            if (wait > 0) {
                ApiError.tooManyRequests(ctx, wait);
                return;
            }
            limiter.failed(address);
            ctx.redirect("/login#failed");
            return;
        }
        limiter.succeeded(address);
        Session session = ctx.session().regenerateId();
        session.put(Guard.SESSION_ADMIN, true);
        session.put(Guard.SESSION_CSRF, AdminToken.randomToken(24));
        ctx.redirect("/");
    }

    void logout(RoutingContext ctx) {
        Session session = ctx.session();
        if (session != null) {
            session.destroy();
        }
        ctx.response().setStatusCode(204).end();
    }
}
