#!/usr/bin/env bash
# The search benchmark: bench/search.sh [--articles N] [--duration S]
#
# Seeds N articles (default 100000; 30 % in Russian, every one indexed as an editor's save indexes it) into a fresh
# SQLite file and into a throwaway PostgreSQL cluster of its own, starts Masthead on each (search limit lifted), and
# measures /api/articles?q=WORD&pageSize=20 (the top 20 with snippets and bylines) with wrk for a common and a rare word
# in English and in Russian: 1 connection (latency alone) and 4 (throughput on 2 cores). Writes bench/results/search.md.
#
# Only 127.0.0.1 is ever contacted. Every wait is bounded; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
SEEDER="$BENCH/.build/seed-corpus"
LUA="$BENCH/wrk/search.lua"
OUT="$BENCH/results/search.md"

ARTICLES=100000
DURATION=10
while (($#)); do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    *) echo "usage: bench/search.sh [--articles N] [--duration S]" >&2; exit 2 ;;
  esac
done
[[ "$ARTICLES" =~ ^[1-9][0-9]*$ && "$DURATION" =~ ^[1-9][0-9]*$ ]] || { echo "--articles and --duration take whole numbers" >&2; exit 2; }

# word, language, kind: the common words are in nearly every article of their language, the rare ones in about one in a thousand.
QUERIES=("sanctions English common" "ombudsman English rare" "санкции Russian common" "омбудсмен Russian rare")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-search-bench.XXXXXX)"
RESULTS="$TMP/results.tsv"
SERVER_PID=""
PG_BIN=""
PG_DATA=""
STARTED_AT=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

source "$BENCH/lib.sh"

cleanup() {
  stop_pid "$SERVER_PID"
  stop_postgres
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $EUID -eq 0 ]] || die "run as root: the PostgreSQL cluster is made as the postgres user"
# What it measures with, from Debian, as bench/run.sh installs its tools.
PACKAGES=()
command -v wrk >/dev/null 2>&1 || PACKAGES+=(wrk)
command -v jq >/dev/null 2>&1 || PACKAGES+=(jq)
command -v curl >/dev/null 2>&1 || PACKAGES+=(curl)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || PACKAGES+=(postgresql)
if ((${#PACKAGES[@]})); then
  log "Installing Debian packages: ${PACKAGES[*]}"
  apt-get update -qq -o DPkg::Lock::Timeout=600 &&
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${PACKAGES[@]}" >/dev/null ||
    die "could not install ${PACKAGES[*]}: install them yourself"
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL's initdb is not in /usr/lib/postgresql/*/bin"

# seed NAME, with the database settings in the environment.
seed() {
  local name="$1" data="$TMP/data-$1" started
  mkdir -p "$data"
  started=$(date +%s.%N)
  (cd "$SEEDER" && env Masthead__DataDirectory="$data" Logging__LogLevel__Default=Warning \
    timeout $((900 + ARTICLES / 50)) dotnet Masthead.SeedCorpus.dll "$ARTICLES" --russian 30) >&2
  awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }' > "$TMP/seeded-$name"
}

start_masthead() {
  local data="$1" port
  port=$(free_port)
  (cd "$BUILD" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" Masthead__DataDirectory="$data" Masthead__Newsroom__SeedDemo=false \
    Masthead__Search__PerAddress__Permits=1000000000 Masthead__Newsroom__Editions__ru__Prefix=/ru \
    Masthead__Admin__Email=bench@masthead.local Masthead__Admin__Password=Bench-only-password-1 \
    Logging__LogLevel__Default=Warning dotnet Masthead.dll) >> "$data/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "http://127.0.0.1:$port/" "$data/server.log"
  BASE="http://127.0.0.1:$port"
}

# measure DATABASE: every query, warmed up, at 1 and 4 connections.
measure() {
  local database="$1" word language kind edition url total line connections
  for query in "${QUERIES[@]}"; do
    read -r word language kind <<< "$query"
    # Search answers in the edition asked: the Russian articles are the ru edition's, at /ru.
    edition=""; [[ "$language" == Russian ]] && edition="/ru"
    url="$BASE$edition/api/articles?q=$(printf '%s' "$word" | jq -sRr @uri)&pageSize=20"
    total=$(curl -s --max-time 60 "$url" | jq '.total') || die "$url did not answer"
    [[ "$total" =~ ^[0-9]+$ && "$total" -gt 0 ]] || die "$url found nothing"
    timeout $((DURATION + 30)) wrk -t 1 -c 4 -d 3s --timeout 5s "$url" >/dev/null
    for connections in 1 4; do
      line=$(timeout $((DURATION + 30)) wrk -t 1 -c "$connections" -d "${DURATION}s" --timeout 5s -s "$LUA" "$url" | grep '^BENCH ') ||
        die "wrk failed for $word at $connections connections"
      awk -v db="$database" -v word="$word" -v language="$language" -v kind="$kind" -v total="$total" -v n="$ARTICLES" -v c="$connections" -v line="$line" '
        BEGIN {
          k = split(line, kv, /[ =]/); for (i = 2; i < k; i += 2) v[kv[i]] = kv[i + 1]
          # Above 2,000 matches (ArticleSearch.RankedMatches) the API counts to 2,001 and answers newest first.
          matches = total > 2000 ? "> 2,000 (newest first)" : total; share = total > 2000 ? "-" : sprintf("%.1f", 100 * total / n)
          printf "%s\t%s (%s, %s)\t%s\t%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%d\n", db, word, language, kind, matches, share, c,
            v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p95_us"] / 1000, v["p99_us"] / 1000, v["non2xx"] + v["timeouts"] + v["socket_errors"]
        }' | tee -a "$RESULTS" >&2
    done
  done
}

log "Building Masthead and the seed tool (Release)"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
dotnet publish "$BENCH/Masthead.SeedCorpus/Masthead.SeedCorpus.csproj" -c Release -o "$SEEDER" -p:UseAppHost=false --nologo -v quiet >&2

log "SQLite: seeding $ARTICLES articles"
seed sqlite
du -m "$TMP/data-sqlite/masthead.db" | cut -f1 > "$TMP/size-sqlite"
start_masthead "$TMP/data-sqlite"
measure SQLite
stop_pid "$SERVER_PID"; SERVER_PID=""

PG_PORT=$(free_port)
log "PostgreSQL on port $PG_PORT: seeding $ARTICLES articles"
start_postgres "$PG_PORT"
export Masthead__Database__Provider=Postgres Masthead__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=masthead"
seed postgres
runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d masthead -tAc "VACUUM ANALYZE" >/dev/null
runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d masthead -tAc \
  "SELECT pg_database_size('masthead') / 1048576" > "$TMP/size-postgres"
start_masthead "$TMP/data-postgres"
measure PostgreSQL
stop_pid "$SERVER_PID"; SERVER_PID=""

{
  echo "# Masthead search benchmark"
  echo
  echo "Written by \`bench/search.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC."
  echo
  echo "* Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME")."
  echo "* Load average (1, 5, 15 min) at start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "* Masthead $(git -C "$ROOT" rev-parse --short HEAD), .NET $(dotnet --version), PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }'), SQLite (Microsoft.Data.Sqlite's bundled e_sqlite3)."
  echo "* Corpus: $ARTICLES articles (\`Masthead.SeedCorpus --russian 30\`: 600 to 1,500 words each, 30 % in Russian, in a \`ru\` edition at \`/ru\`, where the Russian words are searched), indexed by the seeder as an editor's save indexes them. SQLite $(cat "$TMP/size-sqlite") MB, seeded in $(cat "$TMP/seeded-sqlite") s; PostgreSQL $(cat "$TMP/size-postgres") MB, seeded in $(cat "$TMP/seeded-postgres") s."
  echo "* Each query: \`GET /api/articles?q=WORD&pageSize=20\` (the top 20 with snippets and bylines, by relevance then newest, or newest first above 2,000 matches; never cached), 3 s of warm-up, then wrk for ${DURATION} s with 1 connection (latency alone) and with 4 (throughput), wrk on the same 2 cores as Masthead and the database."
  echo "* The whole run took $(( ($(date +%s) - STARTED_AT) / 60 )) min $(( ($(date +%s) - STARTED_AT) % 60 )) s."
  echo
  echo "| database | query | matches | % of articles | connections | queries/s | p50 ms | p95 ms | p99 ms | errors |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$RESULTS"
} > "$OUT"
cat "$OUT"
