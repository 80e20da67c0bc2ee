#!/usr/bin/env bash
# What the access log costs on the hot path: bench/access-log.sh [--duration S] [--rounds N]
#
# Publishes Masthead (Release) into bench/.build/access-log, starts it on the demo newsroom (SQLite, page cache on)
# with Masthead:Logging:AccessLog off, then on, alternately for N rounds (default 2), and each time measures one
# cached article page with wrk (2 threads, 64 connections, S seconds, default 10, after a 3 s warm-up). The log goes
# to a file, as the console's output does under a supervisor that is not the journal. Writes
# bench/results/access-log.md and prints it. Only 127.0.0.1 is contacted; what it starts is stopped by PID.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/access-log"
LUA="$BENCH/wrk/report.lua"
OUT="$BENCH/results/access-log.md"
source "$BENCH/lib.sh"

DURATION=10
ROUNDS=2
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "usage: bench/access-log.sh [--duration S] [--rounds N]" >&2; exit 2 ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ && "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "--duration and --rounds take whole numbers" >&2; exit 2; }
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"

TMP="$(mktemp -d)"
SERVER_PID=""
trap 'stop_pid "$SERVER_PID"; rm -rf "$TMP"' EXIT
HZ=$(getconf CLK_TCK)

log "Publishing Masthead into $BUILD"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2

# Prints "requests/s p50_ms p99_ms server_cpu_us_per_request log_lines" for one run with the access log $1.
run() {
  local access="$1" data="$TMP/data-$1-$2" port line ticks_before ticks_after
  mkdir -p "$data"
  port=$(free_port)
  (cd "$TMP" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" \
    Masthead__DataDirectory="$data" Masthead__Newsroom__SeedDemo=true Masthead__Logging__AccessLog="$access" \
    Masthead__Admin__Email=bench@masthead.local Masthead__Admin__Password=Bench-only-password-1 \
    dotnet "$BUILD/Masthead.dll") > "$data/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "http://127.0.0.1:$port/" "$data/server.log"
  local slug
  slug=$(curl -s "http://127.0.0.1:$port/" | grep -o 'href="/articles/[^"]*"' | head -n 1 | sed 's/href="//; s/"$//')
  [[ -n "$slug" ]] || die "no article on the front page"
  local url="http://127.0.0.1:$port$slug"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] || die "$url did not answer 200"
  timeout 40 wrk -t 2 -c 64 -d 3s --timeout 2s -s "$LUA" "$url" >/dev/null
  sleep 1
  ticks_before=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  line=$(timeout $((DURATION + 30)) wrk -t 2 -c 64 -d "${DURATION}s" --timeout 2s -s "$LUA" "$url" | grep '^BENCH ') || die "wrk failed"
  ticks_after=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
  stop_pid "$SERVER_PID"; SERVER_PID=""
  local lines
  lines=$(grep -c 'Masthead.Web.AccessLog' "$data/server.log" || true)
  awk -v line="$line" -v ticks=$((ticks_after - ticks_before)) -v hz="$HZ" -v lines="$lines" 'BEGIN {
    n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
    if (v["non2xx"] + v["timeouts"] + v["socket_errors"] > 0) { print "errors in the run: " line > "/dev/stderr"; exit 1 }
    printf "%.0f %.2f %.2f %.1f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000,
      1e6 * ticks / hz / v["requests"], lines }'
}

ROWS=()
for ((round = 1; round <= ROUNDS; round++)); do
  for access in false true; do
    log "Round $round, access log $access"
    read -r rps p50 p99 cpu lines < <(run "$access" "$round")
    ROWS+=("| $round | $([[ $access == true ]] && echo on || echo off) | $rps | $p50 | $p99 | $cpu | $lines |")
  done
done

{
  echo "# The access log's cost on a cached article page"
  echo
  echo "bench/access-log.sh, $(date -u +%Y-%m-%d): one cached article of the demo newsroom, wrk 2 threads, 64 connections,"
  echo "${DURATION} s per run after a 3 s warm-up, Masthead published (Release) and logging to a file; $(nproc) cores shared"
  echo "with wrk (and, here, with other work on the machine: compare the rows of one round)."
  echo
  echo "| round | access log | requests/s | p50 ms | p99 ms | server CPU µs per request | access log lines |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
} > "$OUT"
cat "$OUT"
