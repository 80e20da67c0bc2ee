#!/usr/bin/env bash
# Masthead's micro-benchmarks (BenchmarkDotNet): bench/micro.sh [BenchmarkDotNet arguments, default --filter '*']
#
# Runs bench/Masthead.Benchmarks in Release with a short job (a few minutes in all) and writes the tables to
# bench/results/micro.md, with the payment-event target (>= 1,000 events/s on SQLite, exactly once) checked.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
OUT="$BENCH/results/micro.md"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-micro.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT

(($#)) || set -- --filter '*'
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED_AT=$(date +%s)
# BenchmarkDotNet bounds each benchmark by its job; the timeout only guards against a hang.
timeout 1800 dotnet run -c Release --project "$BENCH/Masthead.Benchmarks" -- --artifacts "$TMP/artifacts" "$@" | tee "$TMP/run.log"
ELAPSED=$(($(date +%s) - STARTED_AT))

# Op/s of the payment benchmark is events per second (OperationsPerInvoke is the number of events).
EVENTS_PER_SECOND=$(awk -F'|' '$2 ~ /RecordAndProcessEvents/ { for (i = 1; i <= NF; i++) if (h[i] == "Op/s") { gsub(/[ ,]/, "", $i); print $i } }
  $2 ~ /Method/ { for (i = 1; i <= NF; i++) { x = $i; gsub(/ /, "", x); h[i] = x } }' "$TMP"/artifacts/results/*PaymentInbox*-report-github.md 2>/dev/null || true)

{
  echo "# Masthead micro-benchmarks: latest run"
  echo
  echo "Written by \`bench/micro.sh $*\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, load average at start $LOAD_AT_START (the machine may have been shared), Masthead $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), .NET $(dotnet --version); took $((ELAPSED / 60)) min $((ELAPSED % 60)) s."
  echo "BenchmarkDotNet's short job (3 warm-ups, 3 iterations, in process): the error column is wide; read the means as costs to within about a third."
  echo
  echo "* **ArticleMarkdownToHtml**: an editor's save, a typical corpus article (about 1,000 words) through ArticleMarkdown (Markdig, then HtmlSanitizer)."
  echo "* **ArticleWithAppeal / ArticleAppealSnoozed**: GET of one article on a cache miss (\`Masthead:Cache:Enabled=false\`) through the whole in-process host, on corpora of 1,000 and 10,000 articles. The appeal is a Razor partial inside the page, so its cost is the difference between the two (the snoozed reader skips the appeal's query and partial)."
  echo "* **RecordAndProcessEvents**: 200 sandbox \`invoice.paid\` events stored in the inbox (one in ten delivered twice) and applied to supporters, subscriptions and the ledger on SQLite; Op/s is events per second. Exactly-once is checked after every invocation (applied = new events) and at the end (ledger lines = distinct payments, none pending)."
  echo
  for report in "$TMP"/artifacts/results/*-report-github.md; do
    echo "## $(basename "$report" -report-github.md | sed 's/^Masthead\.Benchmarks\.//')"
    echo
    cat "$report"
    echo
  done
  grep '^// Exactly once' "$TMP/run.log" | sed 's|^// ||; s|^|Check: |'
  echo
  echo "## Target"
  echo
  if [[ -z "$EVENTS_PER_SECOND" ]]; then
    echo "Payment events ≥ 1,000/s on SQLite with exactly-once kept: not measured in this run."
  elif awk -v m="$EVENTS_PER_SECOND" 'BEGIN { exit !(m >= 1000) }'; then
    echo "Payment events ≥ 1,000/s on SQLite with exactly-once kept: **PASS** ($EVENTS_PER_SECOND events/s)."
  else
    echo "Payment events ≥ 1,000/s on SQLite with exactly-once kept: **MISS** by $(awk -v m="$EVENTS_PER_SECOND" 'BEGIN { printf "%.0f events/s (%.0f%% of the target)", 1000 - m, m / 10 }')."
    echo
    echo "Why: each event is two durable SQLite commits, one when the webhook stores it and one when it is applied, each waiting for an fsync of the WAL under SQLite's default \`synchronous=FULL\` (measured with a bare SQLite loop on this machine: 0.2 ms per commit on a quiet disk, 1.5 ms while other jobs were writing), and about ten SQL statements in between (the duplicate check, the claim, supporter, subscription and ledger-line lookups, the inserts), each a round trip through EF Core. The figure therefore swings with the disk: 160 to 900 events/s between busy and quiet runs on this machine. Tried and measured on 2026-11-26: applying a batch of 100 pending events in one transaction (one commit for the batch, one by one on any failure) gave no gain here (560 against 570 events/s in back-to-back runs), so it was not kept: the commit that stores each webhook before it is acknowledged dominates, and it must stay durable (a 200 to the provider promises the event is kept). What would close it: fewer round trips per event (the duplicate check folded into the insert, supporter and subscription looked up once per batch), and a disk with a cheaper fsync. \`synchronous=NORMAL\` would also close it but gives up the last commits on power loss, which a payment ledger should not."
  fi
} > "$OUT"
cat "$OUT"
