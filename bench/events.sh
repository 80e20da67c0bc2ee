#!/usr/bin/env bash
# The appeal events benchmark: bench/events.sh [--duration S] [--runs N]
#
# Starts Masthead with its demo newsroom on a fresh SQLite file on a free loopback port, the events' per-address limit
# lifted (every request comes from 127.0.0.1), and posts to /appeal/events with wrk: each request is one page view's
# beacon of 10 events for the demo's tested appeal. Reports events a second (the median of the runs; target 20,000),
# p50/p99, and the server's RSS before and after, to show memory stays flat (the counters are one entry per appeal,
# variant, placement and hour, however many events arrive). Writes bench/results/events.md.
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
OUT="$BENCH/results/events.md"
DURATION=10
RUNS=3
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: bench/events.sh [--duration S] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]?$ ]] || { echo "--duration and --runs take whole numbers" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-events-bench.XXXXXX)"
SERVER_PID=""
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
source "$BENCH/lib.sh"
cleanup() { stop_pid "$SERVER_PID"; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 || {
  log "Installing Debian packages: wrk curl"
  apt-get update -qq -o DPkg::Lock::Timeout=600 &&
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 wrk curl >/dev/null ||
    die "could not install wrk and curl: install them yourself"
}

log "Building Masthead (Release)"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2

port=$(free_port)
mkdir -p "$TMP/data"
(cd "$BUILD" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
  Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" Masthead__DataDirectory="$TMP/data" \
  Masthead__RateLimits__AppealEvents__Permits=2000000000 \
  Masthead__Admin__Email=bench@masthead.local Masthead__Admin__Password=Bench-only-password-1 \
  Logging__LogLevel__Default=Warning dotnet Masthead.dll) >> "$TMP/server.log" 2>&1 &
SERVER_PID=$!
wait_for_masthead "http://127.0.0.1:$port/" "$TMP/server.log"
BASE="http://127.0.0.1:$port"

# The demo's first ask, the one with a running test: its id is on every article page a fresh reader opens.
APPEAL=""
for article in $(curl -s --max-time 30 "$BASE/" | grep -o 'href="/articles/[^"]*"' | cut -d'"' -f2); do
  APPEAL=$(curl -s --max-time 30 "$BASE$article" | tr '\n' ' ' | grep -o 'id="appeal"[^>]*data-appeal="[0-9]*"' | grep -o 'data-appeal="[0-9]*"' | grep -o '[0-9][0-9]*' | awk 'NR == 1' || true)
  [[ -n "$APPEAL" ]] && break
done
[[ "$APPEAL" =~ ^[0-9]+$ ]] || die "no article on the front page shows an appeal"
export APPEAL
# The endpoint learns which appeals exist at its first flush (a minute after start at the latest).
for _ in $(seq 1 90); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST --data-binary "$APPEAL.0.e.s" "$BASE/appeal/events") == 204 ]] && break
  sleep 1
done

rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER_PID/status"; }
log "Warming up"
timeout $((DURATION + 30)) wrk -t 2 -c 64 -d 3s --timeout 5s -s "$BENCH/wrk/events.lua" "$BASE/appeal/events" >/dev/null
RSS_BEFORE=$(rss)
ROWS=""
RATES=()
for run in $(seq 1 "$RUNS"); do
  line=$(timeout $((DURATION + 30)) wrk -t 2 -c 64 -d "${DURATION}s" --timeout 5s -s "$BENCH/wrk/events.lua" "$BASE/appeal/events" | grep '^BENCH ') ||
    die "wrk failed"
  row=$(awk -v line="$line" -v run="$run" -v rss="$(rss)" 'BEGIN {
    k = split(line, kv, /[ =]/); for (i = 2; i < k; i += 2) v[kv[i]] = kv[i + 1]
    rate = v["requests"] / (v["duration_us"] / 1e6)
    printf "| %d | %.0f | %.0f | %.2f | %.2f | %d | %d |", run, rate, rate * 10, v["p50_us"] / 1000, v["p99_us"] / 1000, v["non2xx"] + v["timeouts"] + v["socket_errors"], rss }')
  log "$row"
  ROWS+="$row"$'\n'
  RATES+=("$(awk -F'|' '{ print $4 }' <<< "$row" | tr -d ' ')")
done
MEDIAN=$(printf '%s\n' "${RATES[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
VERDICT=$([[ "$MEDIAN" -ge 20000 ]] && echo PASS || echo MISS)

# What the counters wrote, once the next minute's flush has run: every event counted, in a handful of rows.
SENT=$(printf '%s\n' "${RATES[@]}" | awk -v d="$DURATION" '{ s += $1 * d } END { printf "%.0f", s }')
sleep 65
read -r STORED TALLY_ROWS < <(python3 -c "import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute('select coalesce(sum(Shown + Continued + Snoozed + Dismissed), 0), count(*) from AppealTallies').fetchone()
print(row[0], row[1])" "$TMP/data/masthead.db")
{
  echo "# Appeal events"
  echo
  echo "\`bench/events.sh --duration $DURATION --runs $RUNS\` on $(date -u +%Y-%m-%d), $(nproc) cores; load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "wrk, 2 threads, 64 connections, each request one beacon of 10 events; the per-address limit lifted."
  echo
  echo "| run | beacons/s | events/s | p50 ms | p99 ms | errors | RSS after, MB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s' "$ROWS"
  echo
  echo "RSS after warm-up: $RSS_BEFORE MB. Median: $MEDIAN events a second: **$VERDICT** (target 20,000)."
  echo "Events stored after the next flush: $STORED in $TALLY_ROWS tally rows, against about $SENT sent in the measured runs (the warm-up's are stored too)."
} > "$OUT"
cat "$OUT"
