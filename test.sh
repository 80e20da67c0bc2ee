#!/usr/bin/env bash
# Masthead's one test command: ./test.sh
#
# Installs what is missing (Debian's postgresql, chromium, nginx and systemd, the browser tests' npm packages,
# dotnet tools), starts a throwaway PostgreSQL cluster for the PostgreSQL half of the tests and smtp4dev (a local tool in
# dotnet-tools.json) for the email tests, builds the solution once, runs every
# test project under tests/, and ends with one line: "N passed, N failed" (", N skipped" when some were skipped).
# The tests start the same two servers themselves when MASTHEAD_TEST_* are unset (plain `dotnet test`,
# tests/Masthead.Tests/Infrastructure/Services); starting them here as well keeps one pair for the whole run, and this
# script's EXIT trap stops them even when a test host is killed (a hang) or crashes.
# Exits non-zero if anything failed, a project did not run, or no test ran at all.
#
# Environment: CI=true makes a missing prerequisite that cannot be installed fatal at once (it is never skipped);
# CONFIGURATION=Debug|Release (default Release); MASTHEAD_TEST_FILTER passes --filter to dotnet test.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS_DIR="$ROOT/TestResults"
BROWSER_TESTS_DIR="$ROOT/tests/Masthead.BrowserTests"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDTERMINALLOGGER=off

PG_TMP=""   # the throwaway cluster's directory: data, socket, log
PG_BIN=""
SMTP_TMP=""  # smtp4dev's app-data directory and log
SMTP_PID=""  # leads its own process group: `dotnet tool run` starts the server as a child

log() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A prerequisite is missing and could not be installed: fatal on CI; elsewhere carry on, the tests that need it fail.
missing() {
  if [[ "${CI:-}" == "true" ]]; then
    die "$1"
  fi
  warn "$1 (the tests that need it will fail)"
}

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}

find_initdb() { compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1; }

install_prerequisites() {
  local packages=()
  [[ -n "$(find_initdb)" ]] || packages+=(postgresql)
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  [[ -x /usr/sbin/nginx ]] || packages+=(nginx)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  [[ -x /usr/sbin/nginx ]] || packages+=(nginx)            # tests/Masthead.Tests/Deploy: deploy/'s nginx site
  [[ -x /usr/bin/systemd-analyze ]] || packages+=(systemd) # ... and `systemd-analyze verify` of deploy/'s unit
  if ((${#packages[@]})); then
    log "Installing Debian packages: ${packages[*]}"
    if ! command -v apt-get >/dev/null 2>&1; then
      missing "apt-get not found; install ${packages[*]} yourself"
    elif ! { as_root apt-get update -qq -o DPkg::Lock::Timeout=600 &&
             as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
               -o DPkg::Lock::Timeout=600 "${packages[@]}" >/dev/null; }; then
      missing "could not install ${packages[*]} (needs root or passwordless sudo)"
    fi
  fi

  if [[ ! -d "$BROWSER_TESTS_DIR/node_modules" && -f "$BROWSER_TESTS_DIR/package-lock.json" ]]; then
    log "npm ci in tests/Masthead.BrowserTests"
    if ! (cd "$BROWSER_TESTS_DIR" && npm ci --no-audit --no-fund --loglevel=error); then
      missing "npm ci failed in tests/Masthead.BrowserTests"
    fi
  fi

  if [[ -f "$ROOT/.config/dotnet-tools.json" || -f "$ROOT/dotnet-tools.json" ]]; then
    log "dotnet tool restore"
    (cd "$ROOT" && dotnet tool restore >/dev/null) || missing "dotnet tool restore failed"
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port tries=0
  while ((tries++ < 200)); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Runs a PostgreSQL binary as the postgres user (initdb refuses root), or as ourselves when not root.
as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Starts a throwaway cluster: trust auth, fsync off, 127.0.0.1 only, socket in its own temp dir.
# Exports MASTHEAD_TEST_POSTGRES. stop_postgres (run by the EXIT trap) stops it and removes its files.
start_postgres() {
  local initdb
  initdb="$(find_initdb)"
  if [[ -z "$initdb" ]]; then
    missing "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)"
    return 0
  fi
  PG_BIN="$(dirname "$initdb")"
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/masthead-pg.XXXXXX")"
  if [[ $EUID -eq 0 ]]; then
    chown postgres: "$PG_TMP"
  fi

  log "Starting a throwaway PostgreSQL ($("$PG_BIN/postgres" --version | awk '{print $3}'))"
  as_postgres "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }

  local port attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)" || die "no free port for PostgreSQL"
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 \
         -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null; then
      export MASTHEAD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
      log "PostgreSQL on 127.0.0.1:$port"
      return 0
    fi
    warn "PostgreSQL did not start on port $port (attempt $attempt)"
  done
  cat "$PG_TMP/postgres.log" >&2 || true
  die "could not start PostgreSQL"
}

stop_postgres() {
  if [[ -n "$PG_TMP" ]]; then
    if [[ -n "$PG_BIN" && -f "$PG_TMP/data/postmaster.pid" ]]; then
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TMP"
    PG_TMP=""
  fi
}

# Starts smtp4dev on free loopback ports with an in-memory store, waits until it accepts connections, and exports
# MASTHEAD_TEST_SMTP (host:port for SMTP) and MASTHEAD_TEST_SMTP_API (its web API). IMAP and POP3 are off: unused,
# and POP3 would otherwise take port 110. stop_smtp4dev (run by the EXIT trap) stops it and removes its files.
start_smtp4dev() {
  SMTP_TMP="$(mktemp -d "${TMPDIR:-/tmp}/masthead-smtp.XXXXXX")"
  local web smtp attempt tries
  for attempt in 1 2 3; do
    web="$(free_port)" && smtp="$(free_port)" || die "no free port for smtp4dev"
    [[ "$web" != "$smtp" ]] || continue
    log "Starting smtp4dev (attempt $attempt)"
    (cd "$ROOT" && exec setsid dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$web" --smtpport="$smtp" \
       --bindaddress=127.0.0.1 --imapport= --pop3port= --db= --hostname=localhost --nousersettings \
       --baseappdatapath="$SMTP_TMP" --messagestokeep=1000) >"$SMTP_TMP/smtp4dev.log" 2>&1 &
    SMTP_PID=$!
    for ((tries = 0; tries < 120; tries++)); do
      kill -0 "$SMTP_PID" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.1/$smtp") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$web") 2>/dev/null; then
        export MASTHEAD_TEST_SMTP="127.0.0.1:$smtp" MASTHEAD_TEST_SMTP_API="http://127.0.0.1:$web"
        log "smtp4dev: SMTP on 127.0.0.1:$smtp, API on http://127.0.0.1:$web"
        return 0
      fi
      sleep 0.5
    done
    stop_smtp4dev_process
    warn "smtp4dev did not come up on ports $web/$smtp (attempt $attempt)"
  done
  cat "$SMTP_TMP/smtp4dev.log" >&2 || true
  missing "could not start smtp4dev (dotnet tool run smtp4dev; see the log above)"
}

stop_smtp4dev_process() {
  if [[ -n "$SMTP_PID" ]]; then
    kill -TERM -- "-$SMTP_PID" 2>/dev/null || true
    local tries
    for ((tries = 0; tries < 40; tries++)); do
      kill -0 -- "-$SMTP_PID" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL -- "-$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
    SMTP_PID=""
  fi
}

stop_smtp4dev() {
  stop_smtp4dev_process
  if [[ -n "$SMTP_TMP" ]]; then
    rm -rf "$SMTP_TMP"
    SMTP_TMP=""
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_smtp4dev
  stop_postgres
  exit "$status"
}

# Prints "passed failed skipped" summed over the TRX files given. Failed counts failed, error, timeout and aborted.
# Skipped is notExecuted; VSTest leaves that counter at 0 for xunit's skipped tests, so total - executed when larger.
trx_counts() {
  local passed=0 failed=0 skipped=0 file counters attribute
  local -A value
  for file in "$@"; do
    counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1)" || continue
    for attribute in total executed passed failed error timeout aborted notExecuted; do
      value[$attribute]="$(sed -n "s/.* $attribute=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"
      value[$attribute]="${value[$attribute]:-0}"
    done
    passed=$((passed + value[passed]))
    failed=$((failed + value[failed] + value[error] + value[timeout] + value[aborted]))
    if ((value[total] - value[executed] > value[notExecuted])); then
      skipped=$((skipped + value[total] - value[executed]))
    else
      skipped=$((skipped + value[notExecuted]))
    fi
  done
  echo "$passed $failed $skipped"
}

# Prints the names of the failed tests in the TRX files given, one a line.
trx_failed_tests() {
  local file
  for file in "$@"; do
    grep -o '<UnitTestResult [^>]*>' "$file" | grep 'outcome="Failed"' |
      sed -n 's/.* testName="\([^"]*\)".*/\1/p' |
      sed 's/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
  done
}

build() {
  log "Building Masthead.slnx ($CONFIGURATION)"
  if ! dotnet build "$ROOT/Masthead.slnx" -c "$CONFIGURATION" --nologo -v quiet -clp:NoSummary \
       >"$RESULTS_DIR/build.log" 2>&1; then
    grep -E ': (error|warning) ' "$RESULTS_DIR/build.log" | sort -u >&2 || cat "$RESULTS_DIR/build.log" >&2
    echo "error: the build failed; no tests ran (full log: TestResults/build.log)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
}

run_tests() {
  local projects=() project name trx_files status passed failed skipped
  local total_passed=0 total_failed=0 total_skipped=0 broken=() failed_names=()
  mapfile -t projects < <(find "$ROOT/tests" -mindepth 2 -maxdepth 2 -name '*.csproj' | sort)
  ((${#projects[@]})) || { echo "error: no test projects under tests/" >&2; echo "0 passed, 1 failed"; exit 1; }

  for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    log "Testing $name"
    local args=(test "$project" -c "$CONFIGURATION" --no-build --nologo
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR/$name"
      --verbosity minimal --blame-hang-timeout 15m --blame-hang-dump-type none)
    if [[ -n "${MASTHEAD_TEST_FILTER:-}" ]]; then
      args+=(--filter "$MASTHEAD_TEST_FILTER")
    fi
    status=0
    dotnet "${args[@]}" || status=$?
    mapfile -t trx_files < <(find "$RESULTS_DIR/$name" -name '*.trx' 2>/dev/null | sort)
    if ((${#trx_files[@]} == 0)); then
      echo "error: $name produced no test results (exit code $status)" >&2
      broken+=("$name")
      continue
    fi
    read -r passed failed skipped < <(trx_counts "${trx_files[@]}")
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    mapfile -t -O "${#failed_names[@]}" failed_names < <(trx_failed_tests "${trx_files[@]}")
    if ((status != 0 && failed == 0)); then
      echo "error: dotnet test exited with $status for $name although no test failed (crash or abort?)" >&2
      broken+=("$name")
    fi
  done

  echo
  if ((${#failed_names[@]})); then
    echo "Failed tests:"
    printf '  %s\n' "${failed_names[@]}"
  fi
  if ((${#broken[@]})); then
    echo "Projects that did not run cleanly: ${broken[*]}"
  fi
  echo "Test results: TestResults/"

  # A project that did not run counts as one failure, so the closing line never reads green when the run was not.
  total_failed=$((total_failed + ${#broken[@]}))
  local exit_code=0
  if ((total_failed > 0)); then
    exit_code=1
  elif ((total_passed + total_failed == 0)); then
    echo "error: no test was executed" >&2
    exit_code=1
  fi
  if ((total_skipped > 0)); then
    echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
  else
    echo "$total_passed passed, $total_failed failed"
  fi
  return "$exit_code"
}

main() {
  cd "$ROOT"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not installed"
  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"
  install_prerequisites
  start_postgres
  start_smtp4dev
  build
  run_tests
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
