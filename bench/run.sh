#!/usr/bin/env bash
# Masthead's load benchmark: bench/run.sh [--articles N] [--duration S] [--quick]
#
# Builds Masthead and its seed tool (Release) into bench/.build, and for each corpus size seeds a fresh SQLite
# database with bench/Masthead.SeedCorpus, starts Masthead on a free loopback port (output cache on, then off), and measures with wrk
# (2 threads, 64 and 256 connections, the same fixed duration each) against nginx serving the exact bytes of one
# article page as a static file: the ceiling of this machine. Writes bench/results/latest.md and prints it.
#
#   --articles N   the main corpus (default 10000); 1000 and 100000 are always measured too, for the growth check
#   --duration S   seconds per measurement (default 10), after a warm-up of a third of that (at least 1 s)
#   --quick        a smoke run: 3 s per measurement, corpora of 1000 and the main size only
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
SEEDER="$BENCH/.build/seed-corpus"
LUA="$BENCH/wrk/report.lua"
OUT="$BENCH/results/latest.md"

ARTICLES=10000
DURATION=10
QUICK=false
CONNECTIONS=(64 256)
while (($#)); do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --quick) QUICK=true; DURATION=3; shift ;;
    *) echo "usage: bench/run.sh [--articles N] [--duration S] [--quick]" >&2; exit 2 ;;
  esac
done
[[ "$ARTICLES" =~ ^[1-9][0-9]*$ && "$DURATION" =~ ^[1-9][0-9]*$ ]] || { echo "--articles and --duration take whole numbers" >&2; exit 2; }
WARMUP=$((DURATION / 3 > 0 ? DURATION / 3 : 1))
if $QUICK; then
  GROWTH_SIZES=(1000)
else
  GROWTH_SIZES=(1000 100000)
fi
mapfile -t SIZES < <(printf '%s\n' "${GROWTH_SIZES[@]}" "$ARTICLES" | sort -n -u)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-bench.XXXXXX)"
RESULTS="$TMP/results.tsv"   # size, scenario, connections, req/s, p50 ms, p99 ms, non-2xx, timeouts, socket errors, peak RSS MB, others' CPU %
SERVER_PID=""
NGINX_PID=""
BASE=""
NGINX_URL=""
STARTED_AT=$(date +%s)

source "$BENCH/lib.sh"

cleanup() {
  stop_pid "$SERVER_PID"
  stop_pid "$NGINX_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

install_tools() {
  local packages=()
  command -v wrk >/dev/null 2>&1 || packages+=(wrk)
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || packages+=(nginx-light)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  ((${#packages[@]})) || return 0
  log "Installing Debian packages: ${packages[*]}"
  as_root apt-get update -qq -o DPkg::Lock::Timeout=600 &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${packages[@]}" >/dev/null ||
    die "could not install ${packages[*]}: install them yourself (root or passwordless sudo needed)"
}

# The server's processes: nginx's master and workers, or Masthead's one process.
server_pids() {
  if [[ -n "$NGINX_PID" ]]; then echo "$NGINX_PID"; ps -o pid= --ppid "$NGINX_PID" | tr -d " "; else echo "$SERVER_PID"; fi
}

# Runs wrk once and appends a row to the results. Peak RSS is VmHWM, reset just before (clear_refs 5), summed over
# the server's processes; "others" is the share of both cores used by anything but the server and wrk.
measure() {
  local size="$1" scenario="$2" connections="$3" url="$4" slugs="${5:-}" pids line
  mapfile -t pids < <(server_pids)
  for pid in "${pids[@]}"; do echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true; done
  local server_before machine_before
  server_before=$(cpu_ticks "${pids[@]}")
  times > "$TMP/times.before"
  machine_before=$(machine_ticks)
  line=$(BENCH_SLUGS="$slugs" timeout $((DURATION + 30)) wrk -t 2 -c "$connections" -d "${DURATION}s" --timeout 2s -s "$LUA" "$url" | grep '^BENCH ') ||
    die "wrk failed for $scenario at $connections connections"
  times > "$TMP/times.after"
  local server_used=$(($(cpu_ticks "${pids[@]}") - server_before))
  local wrk_used=$(($(children_ticks "$TMP/times.after") - $(children_ticks "$TMP/times.before")))
  local rss_kb=0
  for pid in "${pids[@]}"; do rss_kb=$((rss_kb + $(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"))); done
  read -r busy_after total_after < <(machine_ticks)
  read -r busy_before total_before <<< "$machine_before"
  awk -v size="$size" -v scenario="$scenario" -v c="$connections" -v line="$line" -v rss="$rss_kb" \
    -v busy=$((busy_after - busy_before)) -v total=$((total_after - total_before)) -v ours=$((server_used + wrk_used)) '
    BEGIN {
      n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
      others = total > 0 ? 100 * (busy - ours) / total : 0
      # With no answer inside the timeout there is no latency to report: a dash, not a zero.
      answered = v["requests"] > v["timeouts"]
      printf "%s\t%s\t%s\t%.0f\t%s\t%s\t%d\t%d\t%d\t%.0f\t%.0f\n", size, scenario, c, v["requests"] / (v["duration_us"] / 1e6),
        answered ? sprintf("%.2f", v["p50_us"] / 1000) : "–", answered ? sprintf("%.2f", v["p99_us"] / 1000) : "–",
        v["non2xx"], v["timeouts"], v["socket_errors"], rss / 1024, others < 0 ? 0 : others
    }' | tee -a "$RESULTS" >&2
}

# Warms the server up, then measures at each connection count, each time from a quiet server.
scenario() {
  local size="$1" name="$2" url="$3" slugs="${4:-}"
  BENCH_SLUGS="$slugs" timeout $((WARMUP + 30)) wrk -t 2 -c 64 -d "${WARMUP}s" --timeout 2s -s "$LUA" "$url" >/dev/null
  for connections in "${CONNECTIONS[@]}"; do
    settle $(server_pids)
    measure "$size" "$name" "$connections" "$url" "$slugs"
  done
}

# The fixed URLs must answer a plain 200: wrk would count a redirect as a success.
expect_200() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1")
  [[ "$status" == 200 ]] || die "$1 answered $status, not 200"
}

# Starts Masthead on a free port and sets BASE to its address; called in this shell, not in $(...), so that
# SERVER_PID stays known to the trap.
start_masthead() {
  local data="$1" cache="$2" port
  port=$(free_port)
  (cd "$BUILD" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" \
    Masthead__DataDirectory="$data" Masthead__Newsroom__SeedDemo=false Masthead__Cache__Enabled="$cache" \
    Masthead__Admin__Email=bench@masthead.local Masthead__Admin__Password=Bench-only-password-1 \
    Logging__LogLevel__Default=Warning dotnet Masthead.dll) >> "$data/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "http://127.0.0.1:$port/" "$data/server.log"
  BASE="http://127.0.0.1:$port"
}

stop_masthead() { stop_pid "$SERVER_PID"; SERVER_PID=""; }

# Starts nginx serving one file and sets NGINX_URL to it.
start_nginx() {
  local html="$1" dir="$TMP/nginx" port
  port=$(free_port)
  mkdir -p "$dir/www" "$dir/temp"
  cp "$html" "$dir/www/article.html"
  # nginx's workers run as an unprivileged user and must reach the page through mktemp's private directory.
  chmod 711 "$TMP"
  chmod -R a+rX "$dir/www"
  # Kestrel keeps a connection for any number of requests; nginx would close it every 1000 without keepalive_requests.
  cat > "$dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=16 inactive=60s;
  default_type text/html;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
  }
}
EOF
  local nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" &
  NGINX_PID=$!
  for _ in $(seq 50); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/article.html"; then NGINX_URL="http://127.0.0.1:$port/article.html"; return; fi
    sleep 0.1
  done
  cat "$dir/error.log" >&2
  die "nginx did not answer within 5 s"
}

stop_nginx() { stop_pid "$NGINX_PID"; NGINX_PID=""; }

seed() {
  local size="$1" data="$TMP/data-$1" started
  mkdir -p "$data"
  started=$(date +%s.%N)
  (cd "$SEEDER" && env Masthead__DataDirectory="$data" Logging__LogLevel__Default=Warning \
    timeout $((600 + size / 100)) dotnet Masthead.SeedCorpus.dll "$size" --slugs "$data/slugs.txt") >&2
  printf '%s\t%s\t%s\n' "$size" "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')" \
    "$(du -m "$data/masthead.db" | cut -f1)" >> "$TMP/seeding.tsv"
}

run_size() {
  local size="$1" data="$TMP/data-$1" slug
  log "Corpus of $size articles"
  seed "$size"
  slug=$(tail -n 1 "$data/slugs.txt")

  start_masthead "$data" true
  expect_200 "$BASE/articles/$slug"
  if [[ "$size" == "$ARTICLES" ]]; then
    # The reader's bytes as wrk gets them: wrk sends no Accept-Encoding, and neither does curl without --compressed.
    curl -s --max-time 10 -o "$TMP/article.html" "$BASE/articles/$slug"
    start_nginx "$TMP/article.html"
    expect_200 "$NGINX_URL"
    scenario "$size" "a" "$NGINX_URL"
    stop_nginx
  fi
  scenario "$size" "b" "$BASE/articles/$slug"
  if [[ "$size" == "$ARTICLES" ]]; then
    expect_200 "$BASE/"
    expect_200 "$BASE/feed.xml"
    scenario "$size" "d" "$BASE/"
    scenario "$size" "e" "$BASE/feed.xml"
  fi
  scenario "$size" "f" "$BASE/" "$data/slugs.txt"
  stop_masthead

  start_masthead "$data" false
  expect_200 "$BASE/articles/$slug"
  scenario "$size" "c" "$BASE/articles/$slug"
  scenario "$size" "f-uncached" "$BASE/" "$data/slugs.txt"
  stop_masthead
  rm -rf "$data"
}

main() {
  install_tools
  LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
  log "Publishing Masthead and its seed tool (Release) to bench/.build"
  dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
  dotnet publish "$BENCH/Masthead.SeedCorpus/Masthead.SeedCorpus.csproj" -c Release -o "$SEEDER" -p:UseAppHost=false --nologo -v quiet >&2
  for size in "${SIZES[@]}"; do run_size "$size"; done
  LOAD_AT_END=$(cut -d' ' -f1-3 /proc/loadavg)
  ELAPSED=$(($(date +%s) - STARTED_AT))
  source "$BENCH/report.sh"
  write_report > "$OUT"
  cat "$OUT"
}

main
