package warden.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The host's REST API as {@code warden ctl} uses it: one request per call over {@link HttpURLConnection}, which loads
 * in a fraction of the time an HTTP client with its own threads would (ctl runs for a fraction of a second).
 *
 * <p>No answer at all and a refused token are {@link CtlException#UNREACHABLE}; any other error status is {@link
 * CtlException#FAILED} with the API's own message.
 */
final class Api {

    /** Enough for a restart of a service that takes its time to stop (the host bounds it itself). */
    private static final int READ_TIMEOUT_MILLIS = 180_000;

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    record Response(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Called for each server-sent event; false stops reading. */
    interface EventSink {
        boolean accept(String event, String data);
    }

    private final Target target;

    Api(Target target) {
        this.target = target;
    }

    String url() {
        return target.url();
    }

    /** The body of a 2xx answer; anything else throws. */
    String get(String path) {
        return expectOk(call("GET", path, null));
    }

    String post(String path) {
        return expectOk(call("POST", path, "{}"));
    }

    Response call(String method, String path, String body) {
        HttpURLConnection c = open(path);
        try {
            c.setRequestMethod(method);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            InputStream in = status / 100 == 2 ? c.getInputStream() : c.getErrorStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            refused(status, text);
            return new Response(status, text);
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            c.disconnect();
        }
    }

    /** Reads {@code text/event-stream} from {@code path} until {@code sink} says stop or the host closes it. */
    void stream(String path, EventSink sink) {
        HttpURLConnection c = open(path);
        c.setReadTimeout(0);
        try {
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                InputStream err = c.getErrorStream();
                String text = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8);
                refused(status, text);
                expectOk(new Response(status, text));
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0 && !sink.accept(event, data.toString())) {
                        return;
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "")
                            .append(line.substring(5).strip());
                } else if (line.startsWith(":")
                        && !sink.accept("comment", line.substring(1).strip())) {
                    return;
                }
            }
            throw new CtlException(CtlException.UNREACHABLE, "the host at " + target.url() + " closed the stream");
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            c.disconnect();
        }
    }

    static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                q.append(q.length() == 0 ? '?' : '&')
                        .append(k)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpURLConnection open(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(target.url() + "/api/v1" + path).toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            c.setReadTimeout(READ_TIMEOUT_MILLIS);
            c.setRequestProperty("Authorization", "Bearer " + target.token());
            c.setRequestProperty("Accept", "application/json");
            return c;
        } catch (IllegalArgumentException e) {
            throw new CtlException(CtlException.USAGE, "not a URL: " + target.url());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private void refused(int status, String body) {
        if (status == 401 || status == 403) {
            throw new CtlException(
                    CtlException.UNREACHABLE,
                    "the host at " + target.url() + " refused the token (" + status + " " + message(body) + ")");
        }
    }

    private String expectOk(Response r) {
        if (!r.ok()) {
            throw new CtlException(CtlException.FAILED, message(r.body()));
        }
        return r.body();
    }

    /** The API's error message ({@code {"status", "error", "message"}}), else the body as it came. */
    static String message(String body) {
        try {
            Object parsed = JsonText.parse(body);
            if (parsed instanceof Map<?, ?> m && m.get("message") instanceof String s) {
                return s;
            }
        } catch (RuntimeException notJson) {
            // fall through to the raw body
        }
        return body.isBlank() ? "no answer" : body.strip();
    }

    private CtlException unreachable(IOException e) {
        return new CtlException(
                CtlException.UNREACHABLE, "cannot reach the host at " + target.url() + ": " + describe(e));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
