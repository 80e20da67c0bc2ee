# Sourced by run.sh: turns $RESULTS and $TMP/seeding.tsv into bench/results/latest.md (markdown on stdout).
# Columns of $RESULTS: size, scenario, connections, req/s, p50 ms, p99 ms, non-2xx, timeouts, socket errors, peak RSS MB,
# others' CPU %.

declare -A LABEL=(
  [a]="(a) nginx, the article as a static file (ceiling)"
  [b]="(b) article, cached"
  [c]="(c) article, uncached"
  [d]="(d) front page"
  [e]="(e) RSS feed"
  [f]="(f) random article, cached"
  [f-uncached]="(f) random article, uncached"
)

# Why a target can be missed here and what would close it; printed under the targets that were missed.
declare -A WHY=(
  [ceiling]="nginx sends the file with sendfile from the kernel's page cache; a Masthead hit is a dictionary lookup before routing (PageCacheHits) and a copy of the stored bytes through Kestrel, with the security headers and the cache headers written for every answer. At 64 connections that is within a few tenths of nginx; at 256 connections Kestrel spends more per request on its connection scheduling while wrk takes its share of the same two cores. To close it: fewer header bytes and allocations per hit (headers pre-encoded with the page), and measuring whether Kestrel's own per-connection cost at 256 connections can be lowered (e.g. its thread-pool settings); a CDN in front, which the Cache-Control headers allow, takes this load off the machine in production."
  [p99]="the 99th percentile grows with queueing: when the server is slower than wrk's request rate, the connections wait behind each other on 2 shared cores. To close it: raise throughput, since the p99 follows it."
  [random]="a 10-second run over a corpus of 10,000 or 100,000 articles asks for most articles for the first time, so most requests are cache misses: (f) cached measures the miss (a render from the database, as (c)) plus keeping the page. At 1,000 articles, where the cache warms within the run, (f) cached is within a few percent of (b). To close it: a cheaper miss (see the uncached note); in production the hot part of a corpus (today's and this week's articles) is what a spike reads, and it is kept after its first reader."
  [uncached]="a miss runs four small SQLite queries through EF Core (the article by its slug, its bylines and tags by key, the active appeal) and renders the Razor page with its layout and the appeal partial: about 0.6-0.7 ms of CPU in process (bench/results/micro.md), the same at 1,000 and 10,000 articles. The queries are no longer the cost (each takes well under a millisecond at any corpus size); the render and EF Core's per-query overhead are. To close it: keep the active appeal in memory (evicted with the page cache when it changes) instead of querying it, compiled EF Core queries for the article lookups, and a profile of the Razor render."
  [growth]="cached hits do not depend on the corpus (the same dictionary lookup), and uncached misses no longer do either: the reader queries read only the requested article's rows. A cached-hit ratio far from 1 between two corpus sizes at one connection count, with the other count at or above 1, is run-to-run variance on this shared virtual machine; the random cached rows are mostly misses (see random)."
  [rss]="the peak is the server garbage collector's heaps under load (it sizes them for throughput: with the workstation GC the peak was lower but cached throughput fell by about a quarter in a quick measurement here), the page cache (up to Masthead:Cache:MaxMegabytes, 128 MB by default, filling during the random-article runs), and each SQLite connection's page cache while many requests are inside the server at once. To close it: a smaller page-cache budget, a GC heap hard limit (DOTNET_GCHeapHardLimit) measured against throughput, and a bound on concurrent database work."
)

value() { # size scenario connections column
  awk -F'\t' -v s="$1" -v n="$2" -v c="$3" -v col="$4" '$1 == s && $2 == n && $3 == c { print $col; exit }' "$RESULTS"
}

# A number with thousands separators, or a dash when it was not measured.
num() { [[ -n "$1" ]] && printf "%'.0f" "$1" || printf '–'; }

# Two decimals, or four below 0.1, so that a tiny ratio does not read as zero.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print ""; else printf (a / b < 0.1 ? "%.4f" : "%.2f"), a / b }'; }

# PASS or MISS for "measured >= wanted" (or <= with "max"), with the gap when missed.
verdict() { # measured wanted [max] [unit]
  awk -v m="$1" -v w="$2" -v max="${3:-}" -v unit="${4:-}" 'BEGIN {
    if (m == "") { print "not measured"; exit }
    if (m !~ /^[0-9.]+$/) { print "MISS: no request answered within wrk'"'"'s 2 s timeout"; exit }
    ok = max == "max" ? m <= w : m >= w
    if (ok) { print "PASS"; exit }
    gap = max == "max" ? m - w : w - m
    printf "MISS by %s%s (%.0f%% of the target)\n", (gap < 10 ? sprintf("%.2f", gap) : sprintf("%.0f", gap)), unit, 100 * m / w
  }'
}

MISSED=()
target_row() { # key description measured-text verdict
  printf '| %s | %s | %s |\n' "$2" "$3" "$4"
  [[ "$4" == MISS* ]] && MISSED+=("$1")
  return 0
}

write_report() {
  local largest=${SIZES[-1]} growth_top=1000 size scenario c
  for size in "${SIZES[@]}"; do ((size <= 100000)) && growth_top=$size; done
  ((ARTICLES > 100000)) && growth_top=$ARTICLES
  local commit dirty=""
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]] && dirty=" (with uncommitted changes under src/)"

  echo "# Masthead load benchmark: latest run"
  echo
  echo "Written by \`bench/run.sh$($QUICK && echo ' --quick')$( ((ARTICLES != 10000)) && echo " --articles $ARTICLES")\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "* Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME")."
  echo "* Load average (1, 5, 15 min) at start: $LOAD_AT_START; at the end: $LOAD_AT_END. The column *others* gives the share of both cores used by processes other than the server and wrk during each measurement: above a few percent, the machine was shared and the figures are low."
  echo "* Masthead $commit$dirty, .NET $(dotnet --version), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)."
  echo "* wrk: 2 threads on the same 2 cores as the server, ${DURATION} s per measurement after ${WARMUP} s of warm-up, 127.0.0.1 only, no Accept-Encoding (so both servers send the same uncompressed bytes). Peak RSS: VmHWM of the server's processes, reset before each measurement."
  echo "* The whole run took $((ELAPSED / 60)) min $((ELAPSED % 60)) s, seeding included."
  echo
  echo "## Seeding (\`bench/Masthead.SeedCorpus\`)"
  echo
  echo "| articles | seconds | articles/s | database MB |"
  echo "| ---: | ---: | ---: | ---: |"
  awk -F'\t' '{ printf "| %\047d | %d | %.0f | %d |\n", $1, $2, $1 / ($2 > 0 ? $2 : 1), $3 }' "$TMP/seeding.tsv"
  echo
  echo "## At $(printf "%'d" "$ARTICLES") articles"
  echo
  echo "| scenario | connections | req/s | p50 ms | p99 ms | non-2xx | timeouts (2 s) | socket errors | peak RSS MB | others % |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for scenario in a b c d e f f-uncached; do
    awk -F'\t' -v s="$ARTICLES" -v n="$scenario" -v label="${LABEL[$scenario]}" \
      '$1 == s && $2 == n { printf "| %s | %s | %\047.0f | %s | %s | %s | %s | %s | %s | %s |\n", label, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$RESULTS"
  done
  echo
  echo "Ratios to the ceiling (req/s): $(for c in "${CONNECTIONS[@]}"; do
    printf 'b/a = %s and f/a = %s at %s connections; ' "$(ratio "$(value "$ARTICLES" b "$c" 4)" "$(value "$ARTICLES" a "$c" 4)")" \
      "$(ratio "$(value "$ARTICLES" f "$c" 4)" "$(value "$ARTICLES" a "$c" 4)")" "$c"; done | sed 's/; $/./')"
  echo
  echo "## Growth with the corpus"
  echo
  printf '| scenario | connections |'; for size in "${SIZES[@]}"; do printf " req/s at %'d | p99 ms at %'d |" "$size" "$size"; done; echo " ratio $(printf "%'d" "$largest") / 1,000 |"
  printf '| --- | ---: |'; for _ in "${SIZES[@]}"; do printf ' ---: | ---: |'; done; echo ' ---: |'
  for scenario in b c f f-uncached; do
    for c in "${CONNECTIONS[@]}"; do
      printf '| %s | %s |' "${LABEL[$scenario]}" "$c"
      for size in "${SIZES[@]}"; do printf " %s | %s |" "$(num "$(value "$size" "$scenario" "$c" 4)")" "$(value "$size" "$scenario" "$c" 6)"; done
      echo " $(ratio "$(value "$largest" "$scenario" "$c" 4)" "$(value 1000 "$scenario" "$c" 4)") |"
    done
  done
  echo
  printf 'Peak RSS of Masthead (MB), highest over all its measurements:'
  for size in "${SIZES[@]}"; do
    printf " %'d articles: %s;" "$size" "$(awk -F'\t' -v s="$size" '$1 == s && $2 != "a" && $10 > m { m = $10 } END { print m + 0 }' "$RESULTS")"
  done | sed 's/;$/./'
  echo
  echo
  echo "## Targets"
  echo
  echo "| target | measured | verdict |"
  echo "| --- | --- | --- |"
  local m a
  for c in "${CONNECTIONS[@]}"; do
    a=$(value "$ARTICLES" a "$c" 4)
    m=$(ratio "$(value "$ARTICLES" b "$c" 4)" "$a")
    target_row ceiling "cached article ≥ 0.85 × nginx, $c connections" "b/a = $m" "$(verdict "$m" 0.85)"
  done
  m=$(value "$ARTICLES" b 64 6)
  target_row p99 "cached article p99 ≤ 10 ms at 64 connections" "$m ms" "$(verdict "$m" 10 max " ms")"
  for c in "${CONNECTIONS[@]}"; do
    m=$(ratio "$(value "$ARTICLES" f "$c" 4)" "$(value "$ARTICLES" a "$c" 4)")
    target_row random "random article, cached ≥ 0.7 × nginx, $c connections" "f/a = $m" "$(verdict "$m" 0.7)"
  done
  for c in "${CONNECTIONS[@]}"; do
    m=$(value "$ARTICLES" c "$c" 4)
    target_row uncached "uncached article ≥ 5,000 req/s, $c connections" "$(num "$m") req/s" "$(verdict "$m" 5000 "" " req/s")"
  done
  for scenario in b f c f-uncached; do
    for c in "${CONNECTIONS[@]}"; do
      m=$(ratio "$(value "$growth_top" "$scenario" "$c" 4)" "$(value 1000 "$scenario" "$c" 4)")
      target_row growth "${LABEL[$scenario]} at $(printf "%'d" "$growth_top") ≥ 0.9 × at 1,000, $c connections" "$m" "$( ((growth_top >= 100000)) && verdict "$m" 0.9 || echo "not measured at 100,000 (indicative: $(verdict "$m" 0.9))")"
    done
  done
  m=$(awk -F'\t' '$1 == 100000 && $2 != "a" && $10 > m { m = $10 } END { if (m != "") print m }' "$RESULTS")
  target_row rss "Masthead peak RSS ≤ 300 MB at 100,000 articles" "${m:-–} MB" "$(verdict "$m" 300 max " MB")"
  echo "| payment events ≥ 1,000/s on SQLite, exactly once | see [micro.md](micro.md) (\`bench/micro.sh\`) | |"
  echo
  if ((${#MISSED[@]})); then
    echo "## Why the misses, and what would close them"
    echo
    printf '%s\n' "${MISSED[@]}" | sort -u | while read -r key; do echo "* **$key**: ${WHY[$key]}"; done
    echo
  fi
}
