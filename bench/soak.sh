#!/usr/bin/env bash
# Masthead's soak test: bench/soak.sh   (SOAK_SECONDS=60 bench/soak.sh for a short run)
#
# Builds Masthead (Release) and the driver (bench/Masthead.Soak), seeds a fresh SQLite database with a corpus, starts
# Masthead on a free loopback port with the sandbox taking contributions and a Stripe webhook secret set, measures the
# capacity of the mixed traffic at full speed, then drives that mix at a share of it for SOAK_SECONDS: reads of the latest
# articles (cached) and across the archive (many not cached), "Remind me later", sandbox contributions, signed Stripe
# payment events and editor saves. Writes bench/results/soak.md (requests per kind, errors, p99 per minute, server RSS
# over time, verdicts) and prints it. Exits non-zero when a verdict fails.
#
#   SOAK_SECONDS      how long the soak holds the rate (default 600)
#   SOAK_CALIBRATE    seconds of the full-speed capacity run (default 20)
#   SOAK_SHARE        the share of that capacity held (default 0.8)
#   SOAK_ARTICLES     the corpus (default 10000)
#   SOAK_CACHE_MB     the page cache's bound (default 32: smaller than the corpus's pages, so reads across the archive
#                     keep missing and the least recently used pages keep being dropped; the soak checks the bound holds)
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/soak"
OUT="$BENCH/results/soak.md"

SECONDS_TO_SOAK="${SOAK_SECONDS:-600}"
CALIBRATE="${SOAK_CALIBRATE:-20}"
SHARE="${SOAK_SHARE:-0.8}"
ARTICLES="${SOAK_ARTICLES:-10000}"
CACHE_MB="${SOAK_CACHE_MB:-32}"
for value in "$SECONDS_TO_SOAK" "$CALIBRATE" "$ARTICLES" "$CACHE_MB"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "SOAK_SECONDS, SOAK_CALIBRATE, SOAK_ARTICLES and SOAK_CACHE_MB take whole numbers" >&2; exit 2; }
done
[[ "$SHARE" =~ ^(0?\.[0-9]+|1(\.0+)?)$ ]] || { echo "SOAK_SHARE is a fraction, e.g. 0.8" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-soak.XXXXXX)"
DATA="$TMP/data"
SERVER_PID=""
DRIVER_PID=""
ADMIN_EMAIL=soak@masthead.local
ADMIN_PASSWORD=Soak-only-password-1
# A made-up signing secret: the driver signs its Stripe events with it, as Stripe signs with the endpoint's.
WEBHOOK_SECRET="whsec_soak_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
STARTED_AT=$(date +%s)

source "$BENCH/lib.sh"

cleanup() {
  stop_pid "$DRIVER_PID"
  stop_pid "$SERVER_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server's settings, the same for seeding and serving. The driver is one loopback address standing for many
# readers and submits forms and editor saves at machine speed, so the per-address form limits, the per-editor save
# limit and the fill-time check (bench/hammer.sh measures those) are opened up here; everything else is as in production.
server_env() {
  SERVER_ENV=(ASPNETCORE_ENVIRONMENT=Production Masthead__Newsroom__BaseUrl=http://127.0.0.1 Masthead__DataDirectory="$DATA" Masthead__Newsroom__SeedDemo=false
    Masthead__Cache__MaxMegabytes="$CACHE_MB" Masthead__Payments__Provider=sandbox Masthead__Stripe__WebhookSecret="$WEBHOOK_SECRET"
    Masthead__Admin__Email="$ADMIN_EMAIL" Masthead__Admin__Password="$ADMIN_PASSWORD" Logging__LogLevel__Default=Warning
    Masthead__FormTiming__MinimumFillTime=00:00:00 Masthead__RateLimits__Support__Permits=1000000
    Masthead__RateLimits__SignIn__Permits=1000000 Masthead__RateLimits__SavesPerStaffMember__Permits=1000000)
}

main() {
  command -v curl >/dev/null 2>&1 || die "curl is needed (apt-get install curl)"
  LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
  log "Publishing Masthead, its seed tool and the soak driver (Release) to bench/.build/soak"
  dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD/masthead" -p:UseAppHost=false --nologo -v quiet >&2
  dotnet publish "$BENCH/Masthead.SeedCorpus/Masthead.SeedCorpus.csproj" -c Release -o "$BUILD/seed-corpus" -p:UseAppHost=false --nologo -v quiet >&2
  dotnet publish "$BENCH/Masthead.Soak/Masthead.Soak.csproj" -c Release -o "$BUILD/driver" -p:UseAppHost=false --nologo -v quiet >&2

  server_env
  log "Seeding $ARTICLES articles"
  mkdir -p "$DATA"
  (cd "$BUILD/seed-corpus" && env "${SERVER_ENV[@]}" timeout $((600 + ARTICLES / 100)) dotnet Masthead.SeedCorpus.dll "$ARTICLES" --slugs "$DATA/slugs.txt") >&2

  local port base
  port=$(free_port)
  base="http://127.0.0.1:$port"
  (cd "$BUILD/masthead" && exec env "${SERVER_ENV[@]}" ASPNETCORE_URLS="$base" Masthead__Newsroom__BaseUrl="$base" dotnet Masthead.dll) >> "$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "$base/robots.txt" "$TMP/server.log"

  log "Soaking for $SECONDS_TO_SOAK s at $SHARE of the capacity measured over $CALIBRATE s (pid $SERVER_PID, $base)"
  local status=0
  timeout $((SECONDS_TO_SOAK + CALIBRATE + 300)) dotnet "$BUILD/driver/Masthead.Soak.dll" --base "$base" --slugs "$DATA/slugs.txt" \
    --seconds "$SECONDS_TO_SOAK" --calibrate-seconds "$CALIBRATE" --share "$SHARE" --pid "$SERVER_PID" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --webhook-secret "$WEBHOOK_SECRET" --report "$TMP/driver.md" &
  DRIVER_PID=$!
  wait "$DRIVER_PID" || status=$?
  DRIVER_PID=""
  [[ -f "$TMP/driver.md" ]] || { tail -n 20 "$TMP/server.log" >&2; die "the driver wrote no report (exit $status)"; }
  kill -0 "$SERVER_PID" 2>/dev/null || status=1

  local server_errors
  server_errors=$(grep -c -E '^(fail|crit):' "$TMP/server.log" || true)
  ELAPSED=$(($(date +%s) - STARTED_AT))
  {
    echo "# Masthead soak: latest run"
    echo
    echo "Written by \`bench/soak.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, load average $LOAD_AT_START at the start and" \
      "$(cut -d' ' -f1-3 /proc/loadavg) at the end, Masthead $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
      ".NET $(dotnet --version); took $((ELAPSED / 60)) min $((ELAPSED % 60)) s in all. SQLite, a corpus of $ARTICLES articles," \
      "the page cache bounded at $CACHE_MB MB, the sandbox taking contributions, Stripe's webhook on with a made-up signing secret." \
      "The driver runs on the same machine as the server and takes its share of the same cores."
    echo
    cat "$TMP/driver.md"
    echo "- Server log: $server_errors error or critical entries; Masthead $(kill -0 "$SERVER_PID" 2>/dev/null && echo "still running at the end" || echo "**had exited**")."
    if ((server_errors > 0)); then
      echo
      echo "First entries:"
      echo
      grep -E -A3 '^(fail|crit):' "$TMP/server.log" | head -n 20 | sed 's/^/    /'
    fi
  } > "$OUT"
  cat "$OUT"
  return "$status"
}

main
