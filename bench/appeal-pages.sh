#!/usr/bin/env bash
# What the appeal engine costs an article page: bench/appeal-pages.sh [--articles N] [--duration S] [--runs N]
#
# Publishes Masthead and its seed tool (Release) into bench/.build and seeds four SQLite databases with the same
# corpus (bench/Masthead.SeedCorpus, default 1,000 articles) and other appeals (--appeals): none; one plain appeal;
# a demo-like set (a first ask with two test versions stored, appeals for regular readers, former supporters,
# supporters and a banner) with no test running; the same set with the A/B/n test running (control + 2 versions).
# Then, on the newest article, with the page cache on:
#   1. bytes: the page as a fresh reader gets it (no cookie), raw and with Accept-Encoding gzip (and br), per database;
#   2. throughput: wrk (2 threads, 64 connections, S seconds after a 3 s warm-up) on the cached page, the set with the
#      test running and without, alternately, N runs each, each on a fresh Masthead; medians, p99, the difference.
# Writes bench/results/appeal-pages.md and prints it.
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
SEEDER="$BENCH/.build/seed-corpus"
LUA="$BENCH/wrk/report.lua"
OUT="$BENCH/results/appeal-pages.md"

ARTICLES=1000
DURATION=10
RUNS=3
while (($#)); do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: bench/appeal-pages.sh [--articles N] [--duration S] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ "$ARTICLES" =~ ^[1-9][0-9]*$ && "$DURATION" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]?$ ]] ||
  { echo "--articles, --duration and --runs take whole numbers (--runs below 100)" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-appeal-pages.XXXXXX)"
SERVER_PID=""
BASE=""
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED_AT=$(date +%s)
source "$BENCH/lib.sh"
cleanup() { stop_pid "$SERVER_PID"; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
command -v wrk >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 || die "wrk and curl are needed (apt-get install wrk curl)"

KINDS=(None Plain Set Test)
declare -A LABEL=(
  [None]="no appeal"
  [Plain]="one plain appeal"
  [Set]="demo-like set, no test running"
  [Test]="demo-like set, test running (control + 2)"
)

log "Publishing Masthead and its seed tool (Release) to bench/.build"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
dotnet publish "$BENCH/Masthead.SeedCorpus/Masthead.SeedCorpus.csproj" -c Release -o "$SEEDER" -p:UseAppHost=false --nologo -v quiet >&2

for kind in "${KINDS[@]}"; do
  log "Seeding $ARTICLES articles with appeals: $kind"
  mkdir -p "$TMP/$kind"
  (cd "$SEEDER" && env Masthead__DataDirectory="$TMP/$kind" Logging__LogLevel__Default=Warning \
    timeout $((600 + ARTICLES / 100)) dotnet Masthead.SeedCorpus.dll "$ARTICLES" --appeals "$kind" --slugs "$TMP/$kind/slugs.txt") >/dev/null
done
# The same seed writes the same articles into every database: the newest one is the page measured.
SLUG=$(tail -n 1 "$TMP/None/slugs.txt")
for kind in "${KINDS[@]}"; do [[ "$(tail -n 1 "$TMP/$kind/slugs.txt")" == "$SLUG" ]] || die "the corpora differ"; done
PAGE="/articles/$SLUG"

# Starts Masthead (page cache on) on database $1 and sets BASE; called in this shell so SERVER_PID stays known to the trap.
start_masthead() {
  local data="$TMP/$1" port
  port=$(free_port)
  (cd "$BUILD" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" \
    Masthead__DataDirectory="$data" Masthead__Newsroom__SeedDemo=false Masthead__Cache__Enabled=true \
    Masthead__Admin__Email=bench@masthead.local Masthead__Admin__Password=Bench-only-password-1 \
    Logging__LogLevel__Default=Warning dotnet Masthead.dll) >> "$data/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "http://127.0.0.1:$port/" "$data/server.log"
  BASE="http://127.0.0.1:$port"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE$PAGE")" == 200 ]] || die "$PAGE did not answer 200 on $1"
}

stop_masthead() { stop_pid "$SERVER_PID"; SERVER_PID=""; }

# 1. Bytes. The first request renders and stores the page; the ones measured are cache hits, as a reader gets them.
BYTES_ROWS=()
declare -A RAW GZ BR
for kind in "${KINDS[@]}"; do
  start_masthead "$kind"
  curl -s --max-time 10 -o "$TMP/$kind.html" -D "$TMP/$kind.headers" "$BASE$PAGE"
  RAW[$kind]=$(stat -c %s "$TMP/$kind.html")
  GZ[$kind]=$(curl -s --max-time 10 -H 'Accept-Encoding: gzip' -o "$TMP/$kind.gz" -w '%{size_download}' "$BASE$PAGE")
  BR[$kind]=$(curl -s --max-time 10 -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$BASE$PAGE")
  gzip -dc "$TMP/$kind.gz" | cmp -s - "$TMP/$kind.html" || die "the gzip copy of $kind is not the raw page"
  shown=$({ grep -o '<aside class="appeal[^"]*"' "$TMP/$kind.html" || true; } | wc -l)
  templates=$({ grep -o '<template class="appeal-option">' "$TMP/$kind.html" || true; } | wc -l)
  versions=$({ grep -o 'data-variant="[0-9]*"' "$TMP/$kind.html" || true; } | sort -u | tr -dc '0-9\n' | paste -sd ' ')
  cache=$(grep -i '^cache-control:' "$TMP/$kind.headers" | cut -d' ' -f2- | tr -d '\r')
  vary=$(grep -i '^vary:' "$TMP/$kind.headers" | cut -d' ' -f2- | tr -d '\r' || true)
  BYTES_ROWS+=("| ${LABEL[$kind]} | $((shown - templates)) + $templates | ${versions:-–} | ${RAW[$kind]} | $((RAW[$kind] - RAW[None])) | ${GZ[$kind]} | $((GZ[$kind] - GZ[None])) | ${BR[$kind]} | $((BR[$kind] - BR[None])) | \`$cache\`${vary:+, Vary \`$vary\`} |")
  log "${BYTES_ROWS[-1]}"
  stop_masthead
done

# 2. Throughput: the set with the test running and without, alternately, each run on a fresh process so that neither
# keeps a luckier JIT or heap for all of its runs, and noise from other work falls on both. Each process is measured
# for the raw page (as run.sh, wrk sends no Accept-Encoding), then for the gzip copy a browser would get.
RUN_ROWS=()
declare -A RATES P99S

# Measures the running server on the page ($1 the database, $2 raw or gzip) and adds a row.
measure() {
  local kind="$1" encoding="$2" headers=() bytes
  if [[ "$encoding" == gzip ]]; then headers=(-H 'Accept-Encoding: gzip'); bytes=${GZ[$kind]}; else bytes=${RAW[$kind]}; fi
  timeout 40 wrk -t 2 -c 64 -d 3s --timeout 2s "${headers[@]}" -s "$LUA" "$BASE$PAGE" >/dev/null
  settle "$SERVER_PID"
  local server_before machine_before line server_used wrk_used busy_after total_after busy_before total_before row
  server_before=$(cpu_ticks "$SERVER_PID")
  machine_before=$(machine_ticks)
  times > "$TMP/times.before"
  line=$(timeout $((DURATION + 30)) wrk -t 2 -c 64 -d "${DURATION}s" --timeout 2s "${headers[@]}" -s "$LUA" "$BASE$PAGE" | grep '^BENCH ') || die "wrk failed"
  times > "$TMP/times.after"
  server_used=$(($(cpu_ticks "$SERVER_PID") - server_before))
  wrk_used=$(($(children_ticks "$TMP/times.after") - $(children_ticks "$TMP/times.before")))
  read -r busy_after total_after < <(machine_ticks)
  read -r busy_before total_before <<< "$machine_before"
  row=$(awk -v line="$line" -v run="$run" -v label="${LABEL[$kind]}" -v enc="$encoding" -v bytes="$bytes" -v ticks="$server_used" -v hz="$HZ" \
    -v busy=$((busy_after - busy_before)) -v total=$((total_after - total_before)) -v ours=$((server_used + wrk_used)) 'BEGIN {
    n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
    others = total > 0 ? 100 * (busy - ours) / total : 0
    rate = v["requests"] / (v["duration_us"] / 1e6)
    printf "| %d | %s | %s | %.0f | %.2f | %.2f | %d | %.1f | %.0f | %.0f |", run, label, enc, rate, v["p50_us"] / 1000,
      v["p99_us"] / 1000, v["non2xx"] + v["timeouts"] + v["socket_errors"], 1e6 * ticks / hz / v["requests"], rate * bytes / 1e6, others < 0 ? 0 : others }')
  log "$row"
  RUN_ROWS+=("$row")
  RATES[$kind-$encoding]+="$(awk -F'|' '{ print $5 }' <<< "$row" | tr -d ' ') "
  P99S[$kind-$encoding]+="$(awk -F'|' '{ print $7 }' <<< "$row" | tr -d ' ') "
}

for run in $(seq 1 "$RUNS"); do
  for kind in Test Set; do
    log "Run $run, ${LABEL[$kind]}"
    start_masthead "$kind"
    measure "$kind" raw
    measure "$kind" gzip
    stop_masthead
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# "Median requests/s with, without, the difference in %, PASS or MISS" for one encoding.
verdict() {
  local with without
  with=$(median "${RATES[Test-$1]}")
  without=$(median "${RATES[Set-$1]}")
  awk -v a="$with" -v b="$without" -v p99a="$(median "${P99S[Test-$1]}")" -v p99b="$(median "${P99S[Set-$1]}")" -v enc="$1" 'BEGIN {
    d = 100 * (a - b) / b
    printf "| %s | %d | %d | %+.1f %% | %s | %s | %s |\n", enc, a, b, d, (d >= -5 ? "PASS" : "MISS"), p99a, p99b }'
}

{
  echo "# The appeals' cost on an article page"
  echo
  echo "\`bench/appeal-pages.sh --articles $ARTICLES --duration $DURATION --runs $RUNS\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(($(date +%s) - STARTED_AT)) s;"
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM,"
  echo "load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg). wrk shares the cores with Masthead, and other"
  echo "work (builds, tests) may have been running on the machine at the same time: the column *others* is its share of both"
  echo "cores during each run, and the runs alternate so that such noise falls on both sides."
  echo
  echo "Masthead published Release, SQLite, page cache on; $ARTICLES articles from \`bench/Masthead.SeedCorpus\` in each of four"
  echo "databases that differ only in \`--appeals\` (None, Plain, Set, Test); the page is the newest article, \`$PAGE\`."
  echo
  echo "## Bytes a fresh reader gets (no cookie, a cache hit)"
  echo
  echo "*Appeals* counts the one shown (for JavaScript off) + those in \`<template>\`s; *versions* the test's \`data-variant\`s on the page."
  echo "Gzip and Brotli are the page cache's own copies (\`Accept-Encoding: gzip\`, \`br\`); *added* is against no appeal."
  echo
  echo "| page | appeals | versions | raw bytes | added | gzip bytes | added | br bytes | added | headers |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${BYTES_ROWS[@]}"
  echo
  echo "The running test itself (its two versions in templates and the test key on each) adds $((RAW[Test] - RAW[Set])) bytes raw and"
  echo "$((GZ[Test] - GZ[Set])) gzipped to the set without it; the whole set with the test adds $((RAW[Test] - RAW[None])) raw and $((GZ[Test] - GZ[None])) gzipped to a page"
  echo "without appeals, $((RAW[Test] - RAW[Plain])) raw and $((GZ[Test] - GZ[Plain])) gzipped to a page with one plain appeal."
  echo
  echo "## Throughput of the cached page, test running and not"
  echo
  echo "wrk 2 threads, 64 connections, ${DURATION} s per measurement after a 3 s warm-up and a quiet server; each run is a freshly"
  echo "started Masthead, measured without \`Accept-Encoding\` (*raw*, as run.sh) and then with \`Accept-Encoding: gzip\` (the"
  echo "page cache's gzip copy, what a browser gets), the two databases alternating. *Server CPU* is Masthead's CPU time"
  echo "per request (on loopback it includes the kernel's work for both ends of the socket); *MB/s of body* is requests/s"
  echo "times the page's bytes in that encoding."
  echo
  echo "| run | appeals | encoding | requests/s | p50 ms | p99 ms | errors | server CPU µs per request | MB/s of body | others, % |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${RUN_ROWS[@]}"
  echo
  echo "Medians (target: the test running at most 5 % slower than without):"
  echo
  echo "| encoding | requests/s with the test | without | difference | at most 5 % slower | p99 ms with | p99 ms without |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  verdict raw
  verdict gzip
  echo
  echo "## Commands"
  echo
  echo '```'
  echo "dotnet Masthead.SeedCorpus.dll $ARTICLES --appeals KIND --slugs slugs.txt    # KIND: None, Plain, Set, Test; Masthead__DataDirectory set"
  echo "ASPNETCORE_ENVIRONMENT=Production Masthead__Newsroom__SeedDemo=false Masthead__Cache__Enabled=true dotnet Masthead.dll"
  echo "curl -s $PAGE                                  # raw; -H 'Accept-Encoding: gzip' and 'br' for the compressed copies"
  echo "wrk -t 2 -c 64 -d 3s --timeout 2s -s bench/wrk/report.lua URL                   # warm-up"
  echo "wrk -t 2 -c 64 -d ${DURATION}s --timeout 2s -s bench/wrk/report.lua URL                  # measured, raw"
  echo "wrk -t 2 -c 64 -d ${DURATION}s --timeout 2s -H 'Accept-Encoding: gzip' -s bench/wrk/report.lua URL   # measured, gzip"
  echo '```'
} > "$OUT"
cat "$OUT"
