#!/usr/bin/env bash
# The mirror benchmark: bench/mirror.sh [--articles N]
#
# Seeds N articles (default 10000) into a fresh SQLite file with bench/Masthead.SeedCorpus, then times the published
# Masthead's `export-mirror` into an empty folder, a second export with nothing changed, and a third after one
# article's headline changed (the incremental case). Prints and writes bench/results/mirror.md with the files, bytes,
# peak RSS of each run and the machine's load.
#
# Only 127.0.0.1 is ever contacted (the export reads the site over its own loopback port). Every run is bounded by
# `timeout`; the folder and database are removed on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
SEEDER="$BENCH/.build/seed-corpus"
OUT="$BENCH/results/mirror.md"

ARTICLES=10000
while (($#)); do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    *) echo "usage: bench/mirror.sh [--articles N]" >&2; exit 2 ;;
  esac
done
[[ "$ARTICLES" =~ ^[1-9][0-9]*$ ]] || { echo "--articles takes a whole number" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-mirror-bench.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
source "$BENCH/lib.sh"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

log "Publishing Masthead and its seed tool (Release) to bench/.build"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
dotnet publish "$BENCH/Masthead.SeedCorpus/Masthead.SeedCorpus.csproj" -c Release -o "$SEEDER" -p:UseAppHost=false --nologo -v quiet >&2

DATA="$TMP/data"
mkdir -p "$DATA"
log "Seeding $ARTICLES articles"
(cd "$SEEDER" && env Masthead__DataDirectory="$DATA" Logging__LogLevel__Default=Warning \
  timeout $((600 + ARTICLES / 100)) dotnet Masthead.SeedCorpus.dll "$ARTICLES" --slugs "$DATA/slugs.txt") >&2

# One export, timed, with its peak RSS (GNU time's %M is in KiB); prints "seconds rss_mib summary".
export_once() {
  local started summary
  started=$(date +%s.%N)
  summary=$(cd "$BUILD" && env Masthead__DataDirectory="$DATA" Masthead__Newsroom__BaseUrl=https://bench.example.org \
    Masthead__Newsroom__SeedDemo=false Logging__LogLevel__Default=Warning \
    timeout $((600 + ARTICLES / 20)) /usr/bin/time -f '%M' -o "$TMP/rss" dotnet Masthead.dll export-mirror "$TMP/copy" | grep '^Exported')
  printf '%s %s %s\n' "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" "$(($(cat "$TMP/rss") / 1024))" "$summary"
}

command -v /usr/bin/time >/dev/null 2>&1 || die "GNU time is needed: apt-get install time"
log "First export"
FIRST=$(export_once)
log "Second export, nothing changed"
SECOND=$(export_once)
# One article changed as an editor's save would change it: its headline and its update time.
SLUG=$(head -n 1 "$DATA/slugs.txt")
python3 - "$DATA/masthead.db" "$SLUG" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE Articles SET Headline = Headline || ' (updated)' WHERE Slug = ?", (sys.argv[2],))
db.commit()
PY
log "Third export, one article changed"
THIRD=$(export_once)
FILES=$(find "$TMP/copy" -type f | wc -l)
BYTES=$(du -sm "$TMP/copy" | cut -f1)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Mirror export"
  echo
  echo "$(date -u +%Y-%m-%d) · $(nproc) cores · $ARTICLES articles · load at start $LOAD_START, at end $LOAD_END"
  echo
  echo "| run | seconds | peak RSS (MiB) | result |"
  echo "| --- | ---: | ---: | --- |"
  for row in "first, empty folder|$FIRST" "again, nothing changed|$SECOND" "again, one article changed|$THIRD"; do
    IFS=' ' read -r seconds rss summary <<< "${row#*|}"
    echo "| ${row%%|*} | $seconds | $rss | $summary |"
  done
  echo
  echo "The copy: $FILES files, $BYTES MiB. Every export renders every page (the page cache is bypassed for a copy's"
  echo "requests); the manifest saves only the writes."
} > "$OUT"
cat "$OUT"
