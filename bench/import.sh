#!/usr/bin/env bash
# The import benchmark: bench/import.sh [--posts N] [--members N] [--no-large]
#
# Writes seeded export files with bench/Masthead.ImportBench (a WordPress WXR 1.2 export and a Ghost 5 JSON export of
# N posts each, default 10000, a WXR of N/4 and one of 4N, and a Ghost members CSV of 50000), then runs the Release
# build's `import` command on each into a fresh SQLite data directory (migrated first, so the migration is not
# counted), measuring wall seconds, CPU seconds and peak RSS with /usr/bin/time -v: wordpress --dry-run, wordpress,
# wordpress again (the idempotent re-run: every item updated), ghost; the N/4 WXR dry run and real, and the 4N WXR dry
# run (left out with --no-large), to show whether peak memory follows the file's size. The members CSV has no import
# command yet: it is read through GhostMembers.Read by the bench tool. Writes bench/results/import.md and prints it.
#
# Nothing is contacted at all (the imports read local files). Every run is bounded by a timeout; the generated files
# and databases live in a temporary directory removed on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/masthead"
TOOL="$BENCH/.build/import-bench"
OUT="$BENCH/results/import.md"

POSTS=10000
MEMBERS=50000
LARGE=true
while (($#)); do
  case "$1" in
    --posts) POSTS="$2"; shift 2 ;;
    --members) MEMBERS="$2"; shift 2 ;;
    --no-large) LARGE=false; shift ;;
    *) echo "usage: bench/import.sh [--posts N] [--members N] [--no-large]" >&2; exit 2 ;;
  esac
done
[[ "$POSTS" =~ ^[1-9][0-9]*$ && "$MEMBERS" =~ ^[1-9][0-9]*$ ]] || { echo "--posts and --members take whole numbers" >&2; exit 2; }
SMALL=$((POSTS / 4 > 0 ? POSTS / 4 : 1))
LARGE_POSTS=$((POSTS * 4))

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-import-bench.XXXXXX)"
RESULTS="$TMP/results.tsv"   # case, posts, file MB, seconds, posts/s, peak RSS MB, CPU s, exit code
STARTED_AT=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

source "$BENCH/lib.sh"

cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian's package time): it measures the peak RSS"

# The app as a command on a data directory, with the start checks satisfied without a real address.
masthead() {
  local data="$1"; shift
  env ASPNETCORE_ENVIRONMENT=Production Masthead__Newsroom__SeedDemo=false Logging__LogLevel__Default=Warning \
    dotnet "$BUILD/Masthead.dll" --Masthead:DataDirectory="$data" --Masthead:Newsroom:BaseUrl=http://127.0.0.1 "$@"
}

fresh_data() {
  local data="$TMP/data-$1"
  rm -rf "$data"
  mkdir -p "$data"
  (cd "$BUILD" && masthead "$data" migrate) > "$TMP/migrate-$1.log" 2>&1 || { cat "$TMP/migrate-$1.log" >&2; die "migrate failed"; }
  echo "$data"
}

generate() {
  local kind="$1" count="$2" file="$3" started
  started=$(date +%s.%N)
  (cd "$TOOL" && timeout 900 dotnet Masthead.ImportBench.dll "$kind" "$count" "$file") || die "could not write $file"
  log "$(basename "$file"): $(du -m "$file" | cut -f1) MB in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
}

# Runs Masthead once on data directory $4 with the arguments after it, bounded by 30 minutes, and appends its row; its
# output is kept for the report. A failed run is recorded with its exit code, not hidden. With $4 "-" the arguments
# are a whole command (the bench tool).
measure() {
  local name="$1" posts="$2" file="$3" data="$4"; shift 4
  local slug="${name//[^a-zA-Z0-9]/-}" started ended rc=0 command=("$@")
  [[ "$data" == - ]] || command=(env ASPNETCORE_ENVIRONMENT=Production Masthead__Newsroom__SeedDemo=false Logging__LogLevel__Default=Warning
    dotnet "$BUILD/Masthead.dll" --Masthead:DataDirectory="$data" --Masthead:Newsroom:BaseUrl=http://127.0.0.1 "$@")
  log "$name"
  started=$(date +%s.%N)
  (cd "$BUILD" && /usr/bin/time -v -o "$TMP/$slug.time" timeout 1800 "${command[@]}") > "$TMP/$slug.log" 2>&1 || rc=$?
  ended=$(date +%s.%N)
  ((rc == 0)) || { log "$name exited with $rc:"; tail -n 20 "$TMP/$slug.log" >&2; }
  local rss_kb cpu mb
  rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/$slug.time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$TMP/$slug.time")
  mb=$([[ -n "$file" ]] && awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }' || echo "-")
  awk -v name="$name" -v posts="$posts" -v mb="$mb" -v a="$started" -v b="$ended" -v rss="$rss_kb" -v cpu="$cpu" -v rc="$rc" 'BEGIN {
    s = b - a
    printf "%s\t%s\t%s\t%.1f\t%s\t%.0f\t%s\t%s\n", name, (posts > 0 ? posts : "-"), mb, s, (posts > 0 ? sprintf("%.0f", posts / s) : "-"), rss / 1024, cpu, rc
  }' | tee -a "$RESULTS" >&2
  { echo "### $name"; echo; echo '```'; grep -v -e '^warn: Microsoft.EntityFrameworkCore.Migrations' -e 'cannot be executed in a transaction' -e '^      $' -e "^      ' from migration" "$TMP/$slug.log" | sed -n '1,60p'; echo '```'; echo; } >> "$TMP/outputs.md"
}

write_report() {
  local machine
  machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME")"
  cat <<EOF
# Masthead import benchmark

Written by \`bench/import.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC').

* Machine: $machine.
* Load average (1, 5, 15 min) at start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg). The machine is shared with other builds: wall seconds include waiting for a core, CPU seconds (user + system) do not.
* Masthead $(git -C "$ROOT" log -1 --format=%h -- src) (the last commit to src/), .NET $(dotnet --version), the Release build, SQLite (a fresh data directory per source, migrated before the first measurement).
* Files written by \`bench/Masthead.ImportBench\` (seeded, the same on every machine). WordPress: WXR 1.2, 2 to 4 classic-editor paragraphs (a quarter in block-editor comments), a [caption] or image block now and then, 5 authors, News and its child City Council (and Uncategorized), 6 tags, 10 % drafts, 2 % private, a page per 200 posts, an attachment per 10, comments on about a third of the published posts. Ghost: version 5 JSON (lexical, HTML and plaintext per post), 10 % drafts, 2 % scheduled, 4 % members-only or paid, a page per 200 posts. Members: Ghost's CSV columns, quoted labels and tiers, notes of two lines now and then.
* Each row is one process: \`dotnet Masthead.dll ... import wordpress|ghost FILE\`, from start to exit (the start alone is the *start* row), peak RSS is /usr/bin/time's "Maximum resident set size". *posts* counts the posts only; the pages (one per 200) and attachments are imported or read besides.
* The whole run took $(( ($(date +%s) - STARTED_AT) / 60 )) min $(( ($(date +%s) - STARTED_AT) % 60 )) s.

| case | posts | file MB | seconds | posts/s | peak RSS MB | CPU s | exit |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
EOF
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$RESULTS"
  echo
  echo "## Against the targets"
  echo
  # Target: $POSTS posts in under 60 s (each real import, wall seconds); peak RSS the same whatever the file's size.
  awk -F'\t' -v posts="$POSTS" '
    $2 == posts && $1 !~ /dry-run/ {
      printf "* %s: %s posts in %s s, %s (CPU %s s).\n", $1, posts, $4, $4 < 60 ? "PASS (under 60 s)" : sprintf("MISS of the 60 s target by %.0f s", $4 - 60), $7
    }
    $1 ~ /dry-run/ { dry = dry sprintf("%s%s posts (%s MB file) %s MB", dry == "" ? "" : ", ", $2, $3, $6) }
    $1 == "wordpress" || $1 ~ /^wordpress, / { real = real sprintf("%s%s posts %s MB", real == "" ? "" : ", ", $2, $6) }
    END {
      printf "* Peak RSS by file size, WordPress dry runs: %s; imports: %s.\n", dry, real
    }' "$RESULTS"
  echo
  echo "## What each run printed"
  echo
  cat "$TMP/outputs.md"
}

main() {
  log "Publishing Masthead and the import bench tool (Release) to bench/.build"
  dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -p:UseAppHost=false --nologo -v quiet >&2
  dotnet publish "$BENCH/Masthead.ImportBench/Masthead.ImportBench.csproj" -c Release -o "$TOOL" -p:UseAppHost=false --nologo -v quiet >&2

  log "Writing the export files to $TMP"
  generate wordpress "$POSTS" "$TMP/wordpress-$POSTS.xml"
  generate wordpress "$SMALL" "$TMP/wordpress-$SMALL.xml"
  $LARGE && generate wordpress "$LARGE_POSTS" "$TMP/wordpress-$LARGE_POSTS.xml"
  generate ghost "$POSTS" "$TMP/ghost-$POSTS.json"
  generate members "$MEMBERS" "$TMP/members-$MEMBERS.csv"

  local wp ghost small
  wp=$(fresh_data wordpress)
  measure "start (migrate, nothing to do)" 0 "" "$wp" migrate
  measure "wordpress --dry-run" "$POSTS" "$TMP/wordpress-$POSTS.xml" "$wp" import wordpress "$TMP/wordpress-$POSTS.xml" --dry-run
  measure "wordpress" "$POSTS" "$TMP/wordpress-$POSTS.xml" "$wp" import wordpress "$TMP/wordpress-$POSTS.xml"
  measure "wordpress again (updates)" "$POSTS" "$TMP/wordpress-$POSTS.xml" "$wp" import wordpress "$TMP/wordpress-$POSTS.xml"
  log "database after the WordPress import: $(du -m "$wp/masthead.db" | cut -f1) MB"
  rm -rf "$wp"

  ghost=$(fresh_data ghost)
  measure "ghost" "$POSTS" "$TMP/ghost-$POSTS.json" "$ghost" import ghost "$TMP/ghost-$POSTS.json"
  rm -rf "$ghost"

  small=$(fresh_data small)
  measure "wordpress --dry-run, small file" "$SMALL" "$TMP/wordpress-$SMALL.xml" "$small" import wordpress "$TMP/wordpress-$SMALL.xml" --dry-run
  measure "wordpress, small file" "$SMALL" "$TMP/wordpress-$SMALL.xml" "$small" import wordpress "$TMP/wordpress-$SMALL.xml"
  if $LARGE; then
    rm -rf "$small"
    small=$(fresh_data large)
    measure "wordpress --dry-run, large file" "$LARGE_POSTS" "$TMP/wordpress-$LARGE_POSTS.xml" "$small" import wordpress "$TMP/wordpress-$LARGE_POSTS.xml" --dry-run
  fi
  rm -rf "$small"

  measure "Ghost members CSV ($MEMBERS), read only (GhostMembers.Read)" 0 "$TMP/members-$MEMBERS.csv" - \
    dotnet "$TOOL/Masthead.ImportBench.dll" read-members "$TMP/members-$MEMBERS.csv"

  write_report > "$TMP/import.md"
  cp "$TMP/import.md" "$OUT"
  cat "$OUT"
}

main
