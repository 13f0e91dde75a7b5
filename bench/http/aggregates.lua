-- wrk script: GET the aggregates of two series over the last hour, with the bearer token from WARDEN_ADMIN_TOKEN.
wrk.method = "GET"
wrk.path = "/api/v1/series/dice-roller/aggregates?series=cpu,rssBytes&window=1h"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WARDEN_ADMIN_TOKEN")
wrk.headers["Accept-Encoding"] = "gzip"
