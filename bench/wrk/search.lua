-- The search benchmark's wrk script (bench/search.sh): one fixed URL, and one machine-readable line with the
-- percentiles the search target is stated in (p95) beside p50 and p99.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non2xx=%d timeouts=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status, e.timeout,
      e.connect + e.read + e.write))
end
