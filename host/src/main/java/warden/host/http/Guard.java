package warden.host.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Set;

/**
 * Lets a request through when it carries the admin token as a Bearer header, or a logged-in session cookie.
 *
 * <p>A cookie is sent by the browser on its own, so a state-changing request with a session must also echo the
 * session's CSRF token in {@code X-CSRF-Token} (the synchronizer-token pattern, on top of SameSite=Strict). A Bearer
 * header is never added by a browser on its own, so it needs no CSRF token.
 */
final class Guard {

    static final String SESSION_ADMIN = "admin";
    static final String SESSION_CSRF = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AdminToken token;

    Guard(AdminToken token) {
        this.token = token;
    }

    /** For {@code /api/v1/*} and {@code /metrics}: 401/403 as JSON. */
    void api(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && token.matches(header.substring(7).strip())) {
                ctx.next();
            } else {
                ApiError.unauthorized(ctx, "invalid bearer token");
            }
            return;
        }
        Session session = loggedIn(ctx);
        if (session == null) {
            ApiError.unauthorized(ctx, "send 'Authorization: Bearer <admin token>' or log in");
            return;
        }
        if (!SAFE.contains(ctx.request().method())) {
            String sent = ctx.request().getHeader(CSRF_HEADER);
            String expected = session.get(SESSION_CSRF);
            if (sent == null || expected == null || !AdminToken.constantTimeEquals(sent, expected)) {
                ApiError.forbidden(ctx, "missing or wrong " + CSRF_HEADER + " header");
                return;
            }
        }
        ctx.next();
    }

    /** For the dashboard's pages and assets: to the login page when not logged in. */
    void page(RoutingContext ctx) {
        if (loggedIn(ctx) != null) {
            ctx.next();
        } else {
            ctx.redirect("/login");
        }
    }

    static Session loggedIn(RoutingContext ctx) {
        Session session = ctx.session();
        return session != null && Boolean.TRUE.equals(session.get(SESSION_ADMIN)) ? session : null;
    }
}
