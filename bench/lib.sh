# Sourced by the bench scripts: messages, stopping what the script started, a free loopback port, waiting for a
# started Masthead to answer, a throwaway PostgreSQL cluster (search.sh, newsletter.sh), and the CPU accounting of
# run.sh and appeal-pages.sh (ticks used, a quiet server).

HZ=$(getconf CLK_TCK)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Stops one process this script started, by its PID: politely, then after 10 s for good.
stop_pid() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    # Below the ephemeral range (32768 and up), where wrk's closed connections linger in TIME_WAIT and make a bind fail;
    # nothing answering a connect means the port is free for us.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

# Waits up to 60 s for the Masthead this script started ($SERVER_PID) to answer at $1; shows the end of its log $2
# and stops the script if it exits first or never answers.
wait_for_masthead() {
  local url="$1" log="$2"
  for _ in $(seq 300); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$log" >&2; die "Masthead exited while starting"; }
    sleep 0.2
  done
  tail -n 20 "$log" >&2
  die "Masthead did not answer within 60 s"
}

# CPU time (clock ticks) used so far by the given processes.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

# Busy and total clock ticks of the whole machine.
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }

# CPU ticks of this shell's finished children (wrk among them) in the output of bash's `times`, which must run in
# this shell itself, not in a $(...) subshell, whose own children start from zero.
children_ticks() {
  awk -v hz="$HZ" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' "$1"
}

# Waits (up to 30 s) until the given processes use less than a tenth of a core: requests that wrk gave up on may
# still be running in the server, and the next measurement must not pay for them.
settle() {
  local before
  for _ in $(seq 30); do
    before=$(cpu_ticks "$@")
    sleep 1
    (($(cpu_ticks "$@") - before < HZ / 10)) && return 0
  done
  log "the server was still busy 30 s after the last measurement"
}

# A PostgreSQL cluster as the tests make one, under $TMP/pg, with the binaries in $PG_BIN: trust auth, fsync off,
# 127.0.0.1 only, its socket in its own directory, and an empty database "masthead". Run as root (initdb runs as postgres).
start_postgres() {
  local port="$1"
  mkdir -p "$TMP/pg"
  chown postgres: "$TMP/pg"
  chmod 755 "$TMP"
  PG_DATA="$TMP/pg/data"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$TMP/pg/postgres.log" -w -t 60 \
    -o "-p $port -k $TMP/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres masthead
}

stop_postgres() {
  [[ -n "${PG_DATA:-}" && -f "$PG_DATA/postmaster.pid" ]] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}
