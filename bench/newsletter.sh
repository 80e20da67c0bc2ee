#!/usr/bin/env bash
# The newsletter send benchmark: bench/newsletter.sh [--readers "10000 50000 100000"] [--domains N] [--sqlite-only]
#
# For each list size, on SQLite and on PostgreSQL: seeds a fresh database with that many confirmed readers over N
# receiving domains (default 10) and one issue due now (bench/Masthead.NewsletterBench), starts a local SMTP sink
# (bench/smtp-sink.py, which keeps no message) and the published Masthead pointed at it, whose `newsletters` job queues
# the issue and sends it at once. Measures the send rate (messages from the sink's first to its last, target 100 a
# second: one connection per domain batch, no domain limit), the time from start to the last message, Masthead's peak
# RSS (VmHWM), and checks that every reader received exactly one message. Prints and writes bench/results/newsletter.md
# with the machine's load.
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; what it started it stops by PID; its files go on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
SEEDER="$BENCH/.build/newsletter-bench"
OUT="$BENCH/results/newsletter.md"
TARGET=100

SIZES="10000 50000 100000"
DOMAINS=10
DATABASES="sqlite postgres"
while (($#)); do
  case "$1" in
    --readers) SIZES="$2"; shift 2 ;;
    --domains) DOMAINS="$2"; shift 2 ;;
    --sqlite-only) DATABASES="sqlite"; shift ;;
    *) echo "usage: bench/newsletter.sh [--readers \"10000 50000 100000\"] [--domains N] [--sqlite-only]" >&2; exit 2 ;;
  esac
done
for n in $SIZES $DOMAINS; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "--readers and --domains take whole numbers" >&2; exit 2; }; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-newsletter-bench.XXXXXX)"
SERVER_PID="" SINK_PID="" PG_BIN="" PG_DATA=""
source "$BENCH/lib.sh"
cleanup() {
  stop_pid "$SERVER_PID"
  stop_pid "$SINK_PID"
  stop_postgres
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
command -v python3 >/dev/null 2>&1 || die "python3 is needed for the SMTP sink"
command -v jq >/dev/null 2>&1 || die "jq is needed: apt-get install jq"
if [[ "$DATABASES" == *postgres* ]]; then
  [[ $EUID -eq 0 ]] || die "run as root (the PostgreSQL cluster is made as the postgres user), or pass --sqlite-only"
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL's initdb is not in /usr/lib/postgresql/*/bin: apt-get install postgresql, or pass --sqlite-only"
fi

log "Publishing Masthead and its newsletter seeder (Release) to bench/.build"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
dotnet publish "$BENCH/Masthead.NewsletterBench/Masthead.NewsletterBench.csproj" -c Release -o "$SEEDER" -p:UseAppHost=false --nologo -v quiet >&2

if [[ "$DATABASES" == *postgres* ]]; then
  PG_PORT=$(free_port)
  start_postgres "$PG_PORT"
fi

# One measured send: run DATABASE READERS; appends a result row to $TMP/rows.
run() {
  local database="$1" readers="$2" data="$TMP/data-$1-$2" port sink_port stats="$TMP/stats-$1-$2.json" load_start started deadline
  local -a db_env=()
  mkdir -p "$data"
  if [[ "$database" == postgres ]]; then
    runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "masthead_$readers"
    db_env=(Masthead__Database__Provider=Postgres "Masthead__Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=masthead_$readers")
  fi

  log "$database, $readers readers: seeding"
  (cd "$SEEDER" && env Masthead__DataDirectory="$data" "${db_env[@]}" Logging__LogLevel__Default=Warning \
    timeout $((300 + readers / 50)) dotnet Masthead.NewsletterBench.dll "$readers" "$DOMAINS") >&2

  sink_port=$(free_port)
  timeout $((900 + readers / 10)) python3 "$BENCH/smtp-sink.py" "$sink_port" "$stats" $((600 + readers / 10)) &
  SINK_PID=$!
  for _ in $(seq 50); do [[ -f "$stats" ]] && break; sleep 0.1; done
  [[ -f "$stats" ]] || die "the SMTP sink did not start"

  log "$database, $readers readers: sending"
  port=$(free_port)
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s.%N)
  (cd "$BUILD" && exec env Masthead__DataDirectory="$data" "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl=https://bench.example.org Masthead__Newsroom__SeedDemo=false Logging__LogLevel__Default=Warning \
    Masthead__Email__Smtp__Host=127.0.0.1 Masthead__Email__Smtp__Port="$sink_port" Masthead__Email__Smtp__UseStartTls=false \
    dotnet Masthead.dll --urls "http://127.0.0.1:$port") > "$TMP/masthead-$database-$readers.log" 2>&1 &
  SERVER_PID=$!
  deadline=$((SECONDS + 300 + readers / 20))
  while (($(jq .messages "$stats") < readers)); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$TMP/masthead-$database-$readers.log" >&2; die "Masthead exited while sending"; }
    ((SECONDS < deadline)) || die "$database, $readers readers: only $(jq .messages "$stats") messages after $((300 + readers / 20)) s"
    sleep 0.5
  done
  local finished rss
  finished=$(date +%s.%N)
  sleep 1 # one more write of the sink's stats, so a message sent twice after the last new one is counted
  rss=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status")
  stop_pid "$SERVER_PID"; SERVER_PID=""
  stop_pid "$SINK_PID"; SINK_PID=""
  jq -r --arg db "$database" --argjson n "$readers" --arg rss "$rss" --arg load "$load_start" --arg after "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg total "$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')" --argjson target "$TARGET" '
    ((.last - .first) as $span | ($n / (if $span > 0 then $span else 1 end)) as $rate |
    "| \($db) | \($n) | \(.messages) | \(.recipients) | \(.repeated) | \(.connections) | \(.mixed_connections) | \($rate | floor) | \(if $rate >= $target then "PASS" else "MISS" end) | \($total) | \($rss) | \($load) / \($after) |")' \
    "$stats" >> "$TMP/rows"
}

for database in $DATABASES; do
  for readers in $SIZES; do
    run "$database" "$readers"
  done
done

{
  echo "# Newsletter sending"
  echo
  echo "$(date -u +%Y-%m-%d) · $(nproc) cores · Masthead $(git -C "$ROOT" rev-parse --short HEAD) · $DOMAINS receiving domains, no domain rate set · target $TARGET messages/s"
  echo
  echo "| database | readers | messages | distinct readers | repeated | connections | connections to 2+ domains | messages/s | target | start to last message (s) | peak RSS (MiB) | load at start / end |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
  cat "$TMP/rows"
  echo
  echo "messages/s: the readers over the time from the sink's first message to its last. Start to last message: from"
  echo "starting Masthead (start-up and queuing the issue included) to the last message. Peak RSS: Masthead's VmHWM over the"
  echo "whole run. Each message carries the intro, the appeal-less footer and the List-Unsubscribe headers, unsigned (no DKIM)."
} > "$OUT"
cat "$OUT"
