#!/usr/bin/env bash
# Masthead against form bots: bench/hammer.sh [--naive N] [--smart N]
#
# Publishes Masthead (Release) into bench/.build/hammer, starts it on a free loopback port with the production
# bot defences (a fresh SQLite data directory, nothing from another host), and posts each guarded form as two bots:
#
#   naive  fast, honeypot filled: fetches the form once, then posts it N times (default 30) as quickly as it can,
#          from 127.0.0.2;
#   hasty  fast, honeypot empty: the same as naive, from 127.0.0.4, to show the time check;
#   smart  slow, honeypot empty: fetches the form N times (default 20), waits 2.5 s like a person, then posts each
#          copy, all from 127.0.0.3, every copy aimed at the same mailbox (or staff account) as a flood would be.
#
# Each answer is classified by its status and by what the page says; a honeypot drop answered as a success (the
# reminder, the supporter's link) is counted from the server's log line, not from the 200. Writes
# bench/results/hammer.md and prints it. Only 127.0.0.x is ever contacted; every request has a 10 s timeout, the
# whole run a deadline of 10 minutes; whatever this script started is stopped by PID on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
BUILD="$BENCH/.build/hammer"
OUT="$BENCH/results/hammer.md"
NAIVE=30
SMART=20
while (($#)); do
  case "$1" in
    --naive) NAIVE="$2"; shift 2 ;;
    --smart) SMART="$2"; shift 2 ;;
    *) echo "usage: bench/hammer.sh [--naive N] [--smart N]" >&2; exit 2 ;;
  esac
done
[[ "$NAIVE" =~ ^[1-9][0-9]{0,2}$ && "$SMART" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "--naive and --smart take 1 to 999" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
TMP="$(mktemp -d -t masthead-hammer.XXXXXX)"
SERVER_PID=""
BASE=""
DEADLINE=$(($(date +%s) + 600))

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cleanup() {
  stop_pid "$SERVER_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_time() { (($(date +%s) < DEADLINE)) || die "the 10-minute deadline passed"; }

start_masthead() {
  local data="$TMP/data" port
  mkdir -p "$data"
  port=$(free_port)
  # Default limits and timings: only the log level is changed, so each honeypot drop leaves a line to count.
  (cd "$BUILD" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Masthead__Newsroom__BaseUrl="http://127.0.0.1:$port" \
    Masthead__DataDirectory="$data" Masthead__Newsroom__SeedDemo=false \
    Masthead__Admin__Email=hammer@masthead.local Masthead__Admin__Password=Hammer-only-password-1 \
    Logging__LogLevel__Default=Warning 'Logging__LogLevel__Masthead.Web.FormGuard=Information' \
    dotnet Masthead.dll) >> "$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  wait_for_masthead "http://127.0.0.1:$port/" "$TMP/server.log"
  BASE="http://127.0.0.1:$port"
}

# The fields each form is posted with, as curl --data-urlencode arguments (the victim's address where there is one).
fields() {
  case "$1" in
    /support) printf '%s\n' Form.Frequency=Monthly Form.Currency=USD Form.Amount=other Form.OtherAmount=7 \
      Form.Email=victim@example.org Form.Name=Bot Form.Anonymous=false ;;
    /appeal/remind) printf '%s\n' Input.Email=victim@example.org Input.When=next-month ;;
    /support/restore) printf '%s\n' Input.Email=victim@example.org ;;
    /admin/signin) printf '%s\n' Input.Email=hammer@masthead.local Input.Password=a-guess ;;
  esac
}

# GETs the form into a cookie jar of its own; writes "<jar> <token> <stamp>".
fetch() {
  local url="$1" source="$2" jar page
  jar="$(mktemp -p "$TMP" jar.XXXXXX)"
  page=$(curl -s --max-time 10 --interface "$source" -c "$jar" -b "$jar" "$BASE$url")
  printf '%s %s %s\n' "$jar" \
    "$(grep -oP 'name="__RequestVerificationToken" type="hidden" value="\K[^"]+' <<< "$page" | head -n 1)" \
    "$(grep -oP 'name="form_shown" value="\K[^"]+' <<< "$page" | head -n 1)"
}

# Posts one fetched form; prints how it was answered: through, honeypot, too-fast, stale, per-address, per-mailbox,
# other-NNN. (Sign-in's throttle per account and address answers as a wrong password does, so it counts as through.)
post() {
  local url="$1" source="$2" jar="$3" token="$4" stamp="$5" honeypot="$6" body status args=()
  while read -r field; do args+=(--data-urlencode "$field"); done < <(fields "$url")
  [[ -n "$honeypot" ]] && args+=(--data-urlencode "website=$honeypot")
  body="$TMP/body"
  status=$(curl -s -o "$body" -w '%{http_code}' --max-time 10 --interface "$source" -c "$jar" -b "$jar" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "form_shown=$stamp" "${args[@]}" "$BASE$url")
  case "$status" in
    200|302|303|401) echo through ;;
    429) if grep -q 'several requests for this address' "$body"; then echo per-mailbox
         else echo per-address; fi ;;
    400) if grep -q 'leave this empty' "$body"; then echo honeypot
         elif grep -q 'faster than a person' "$body"; then echo too-fast
         elif grep -q 'open too long' "$body"; then echo stale
         else echo other-400; fi ;;
    *) echo "other-$status" ;;
  esac
}

drops() { grep -c "Dropped a $1 form with its honeypot filled" "$TMP/server.log" || true; }

form_name() {
  case "$1" in /support) echo support ;; /appeal/remind) echo remind ;; /support/restore) echo restore ;; /admin/signin) echo signin ;; esac
}

# Runs one bot against one form; appends "form bot sent outcome..." to the tally.
fast_bot() {
  local url="$1" bot="$2" source="$3" honeypot="$4" jar token stamp before outcomes=()
  before=$(drops "$(form_name "$url")")
  read -r jar token stamp < <(fetch "$url" "$source")
  for _ in $(seq "$NAIVE"); do
    in_time
    outcomes+=("$(post "$url" "$source" "$jar" "$token" "$stamp" "$honeypot")")
  done
  tally "$url" "$bot" "$before" "${outcomes[@]}"
}

smart_bot() {
  local url="$1" jar token stamp before copies=() outcomes=()
  before=$(drops "$(form_name "$url")")
  for _ in $(seq "$SMART"); do in_time; copies+=("$(fetch "$url" 127.0.0.3)"); done
  sleep 2.5
  for copy in "${copies[@]}"; do
    in_time
    read -r jar token stamp <<< "$copy"
    outcomes+=("$(post "$url" 127.0.0.3 "$jar" "$token" "$stamp" "")")
  done
  tally "$url" smart "$before" "${outcomes[@]}"
}

# A 200 on a honeypot drop is a refusal in disguise: those are moved from "through" to "honeypot" by the log count.
tally() {
  local url="$1" bot="$2" before="$3"; shift 3
  local disguised=$(($(drops "$(form_name "$url")") - before))
  printf '%s\n' "$@" | awk -v url="$url" -v bot="$bot" -v disguised="$disguised" '
    { n[$1]++; sent++ }
    END {
      shown = n["honeypot"] + 0
      through = n["through"] - (disguised - shown)
      honeypot = disguised > shown ? disguised : shown
      other = sent - n["through"] - shown - n["too-fast"] - n["stale"] - n["per-address"] - n["per-mailbox"]
      printf "| `%s` | %s | %d | %d | %d | %d | %d | %d | %d |\n", url, bot, sent, through, honeypot,
        n["too-fast"] + n["stale"], n["per-address"], n["per-mailbox"], other
    }' >> "$TMP/rows.md"
}

command -v curl >/dev/null 2>&1 || die "curl is needed"
log "Publishing Masthead (Release) into $BUILD"
dotnet publish "$ROOT/src/Masthead/Masthead.csproj" -c Release -o "$BUILD" -v q --nologo >/dev/null
log "Starting Masthead"
start_masthead
log "Masthead on $BASE"

STARTED=$(date +%s)
for url in /support /appeal/remind /support/restore /admin/signin; do
  log "Hammering $url"
  fast_bot "$url" naive 127.0.0.2 "https://spam.example/"
  fast_bot "$url" hasty 127.0.0.4 ""
  smart_bot "$url"
done
ELAPSED=$(($(date +%s) - STARTED))

mkdir -p "$(dirname "$OUT")"
{
  echo "# Form bots against Masthead's defences"
  echo
  echo "Run by \`bench/hammer.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in ${ELAPSED} s, one Masthead (Release, SQLite) on loopback with the"
  echo "production defaults: a form must take 2 s, the per-address limits are 10 posts per 10 minutes (support),"
  echo "per 5 minutes (sign-in) and per hour (reminder, supporter's link), the per-mailbox limits 3 a day (reminder) and"
  echo "3 an hour (supporter's link)."
  echo
  echo "- **naive**: $NAIVE posts as fast as it can of one fetched copy, honeypot filled, from 127.0.0.2."
  echo "- **hasty**: the same, with the honeypot left empty, from 127.0.0.4."
  echo "- **smart**: $SMART copies fetched, 2.5 s of waiting, then each posted with the honeypot empty, from 127.0.0.3,"
  echo "  all aimed at one mailbox (victim@example.org) or one staff account."
  echo
  echo "\"Through\" means the form was judged on its merits: a checkout opened, a reminder stored, a link request handled"
  echo "(sent only if the address supports us), a sign-in answered (401 for a wrong password, or for an attempt the"
  echo "throttle per account and address held back unchecked: by design the two look the same)."
  echo
  echo "| form | bot | sent | through | honeypot | too fast / stale | 429 per address | 429 per mailbox | other |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  cat "$TMP/rows.md"
  echo
  echo "Reading it: the stamp is not single-use (that would mean storing every form shown), so a bot that posts one"
  echo "fetched copy again and again passes the time check once 2 s have gone by since the fetch; the per-address"
  echo "limit bounds what it gets through. The per-mailbox limits are shared by every bot aiming at the same address,"
  echo "so the later bots against one form meet them sooner. Times are wall-clock on a shared 2-core machine."
} > "$OUT"
cat "$OUT"
