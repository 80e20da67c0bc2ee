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
  [ceiling]="nginx answers from a static file with sendfile; Masthead runs the ASP.NET Core pipeline (routing, security headers, the output cache lookup) for every request, and on this 2-core machine wrk takes a large share of the same cores, so every microsecond the server spends shows up directly. Before the output cache lands, every request renders from the database, which is far from the ceiling. To close it: serve cache hits as stored bytes (precompressed variants, headers kept with them) as early in the pipeline as possible, and keep per-request allocation near zero."
  [p99]="the 99th percentile grows with queueing: when the server is slower than wrk's request rate, 64 connections wait behind each other on 2 shared cores. To close it: raise throughput (the cache), since the p99 follows it."
  [random]="a random article out of the whole corpus is usually not in the output cache yet during a short run, so most requests are cache misses that query SQLite and render, and wrk's Lua request() also costs wrk CPU on the shared cores. To close it: a cheaper miss (see the uncached target), and a cache large enough to hold the hot part of the corpus."
  [uncached]="a miss runs two SQLite queries (the article with its authors and tags, and the active appeal) and renders the Razor page with its layout; bench/results/micro.md gives the in-process cost per request. Found at commit 45abaaa: the article query (ArticleQueries.FindForReaderAsync, one SQL statement with two collection projections) makes SQLite materialise the whole ArticleAuthors and ArticleTags joins on every request (EXPLAIN QUERY PLAN: MATERIALIZE, SCAN ArticleAuthors, AUTOMATIC COVERING INDEX on ArticleTags), about 18 ms of SQLite time alone at 10,000 articles; the front page, the feed and the tag and author pages share that projection. To close it: load the bylines and tags by article id so SQLite can use the join tables' primary keys (AsSplitQuery, or two small queries), then see what the render itself costs."
  [growth]="a cost per request that grows with the corpus is a query reading more than the rows it returns: at commit 45abaaa the author and tag joins of the article and list queries are materialised over the whole join tables (see the uncached note), so a miss costs O(articles). Cached hits should not grow at all; random cached articles are mostly misses during a short run. To close it: queries that touch only the requested article's rows (slug index, then the join tables' primary keys), then re-run this comparison."
  [rss]="the peak comes under load, when many requests are inside the server at once: each holds a pooled DbContext and its own SQLite connection, each connection with its own page cache (up to 2 MB by default) and, at commit 45abaaa, the temporary tables of the materialised author and tag joins; with the cache on, the stored pages add to it. To close it: cheaper queries (see the uncached note), a bound on how many requests query the database at once, and a size limit on the output cache; then the GC's settings (a heap hard limit) if still needed."
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
  echo "## Seeding (\`seed-corpus\`)"
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
  echo "Before the output cache is switched on in the build measured, \`Masthead__Cache__Enabled\` changes nothing and the cached and uncached rows measure the same thing: a render from the database on every request."
}
