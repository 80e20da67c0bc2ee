-- The appeal events benchmark's wrk script (bench/events.sh): each request is one page view's beacon of 10 events for
-- the appeal numbered in APPEAL (shown, Continue, snoozed, dismissed, across both variants and two placements).
local appeal = os.getenv("APPEAL") or "1"
local lines = {}
for i = 1, 10 do
   local kinds = { "s", "s", "s", "c", "z", "s", "s", "d", "s", "c" }
   lines[i] = string.format("%s.%d.%s.%s", appeal, i % 2, (i % 3 == 0) and "t" or "e", kinds[i])
end
wrk.method = "POST"
wrk.body = table.concat(lines, "\n")
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d timeouts=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.timeout,
      e.connect + e.read + e.write))
end
