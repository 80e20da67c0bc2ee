-- One wrk script for every scenario. It prints one machine-readable line that run.sh parses: wrk's own summary
-- counts only responses >= 400 as errors, so run.sh checks each fixed URL for a plain 200 (no redirect) first.
-- With BENCH_SLUGS set it asks for a random article out of that file on each request (scenario f).

local slugs_file = os.getenv("BENCH_SLUGS")
local counter = 0

function setup(thread)
   -- A fixed seed per thread: the same sequence of articles on every run.
   counter = counter + 1
   thread:set("seed", counter)
end

if slugs_file and slugs_file ~= "" then
   local slugs = {}

   function init(args)
      for line in io.lines(slugs_file) do
         slugs[#slugs + 1] = "/articles/" .. line
      end
      math.randomseed(seed)
   end

   function request()
      return wrk.format("GET", slugs[math.random(#slugs)])
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d timeouts=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.timeout,
      e.connect + e.read + e.write))
end
