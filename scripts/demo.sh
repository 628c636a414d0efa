#!/usr/bin/env bash
# Run the TERRA demo: install the web client, build the demo database once,
# then serve it with a mail sink and the scheduler.
#
#   scripts/demo.sh            reuse the demo database when it is built
#   scripts/demo.sh --reset    delete the demo database and rebuild it
#
# Settings (environment):
#   DEMO_PORT           web port (8000)
#   DEMO_MAIL_PORT      port of the local SMTP sink (8025)
#   DEMO_DB             database name (terra)
#   DEMO_DATABASE_URI   sqlite:// (default, file in var/db) or a PostgreSQL
#                       server, e.g. postgresql://postgres@127.0.0.1:5432/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.venv/bin"
VAR="$ROOT/var"
CONF="$VAR/trytond.conf"
LOG="$VAR/log"
MODULES=(terra_client_mgmt terra_client_survey terra_client_loyalty)
ADMIN_EMAIL=admin@terra.example
ADMIN_PASSWORD=admin-terra-2026

PORT="${DEMO_PORT:-8000}"
MAIL_PORT="${DEMO_MAIL_PORT:-8025}"
DB="${DEMO_DB:-terra}"
DB_URI="${DEMO_DATABASE_URI:-sqlite://}"
case "$DB_URI" in
    sqlite:*) BACKEND=sqlite ;;
    postgresql:*) BACKEND=postgresql ;;
    *) echo "demo: unsupported DEMO_DATABASE_URI: $DB_URI" >&2; exit 2 ;;
esac
# Written only once the whole build succeeded, so that an interrupted build
# is started over instead of being served half-made.
READY="$VAR/db/$DB.$BACKEND.ready"

say() { echo "demo: $*"; }

write_config() {
    mkdir -p "$VAR/db" "$LOG" "$VAR/mail"
    cat > "$CONF" <<EOF
# Written by scripts/demo.sh at each start: edit the script, not this file.
[database]
uri = $DB_URI
path = $VAR/db

[web]
listen = 0.0.0.0:$PORT
root = $VAR/sao

[email]
# The local sink of scripts/mailsink.py: mail lands in var/mail/.
uri = smtp://127.0.0.1:$MAIL_PORT
from = TERRA GROUP S.A. <no-reply@terra.example>

[session]
# A demo is interrupted by talk: keep idle sessions for an hour, not 5 min.
timeout = 3600
EOF
}

# Manage the database on the PostgreSQL server with psycopg, which the venv
# has anyway: a fresh machine may lack the PostgreSQL client tools.
pg() {
    "$BIN/python" - "$DB_URI" "$DB" "$1" <<'EOF'
import sys
import urllib.parse

import psycopg
from psycopg import sql

uri, name, action = sys.argv[1:]
server = urllib.parse.urlsplit(uri)._replace(path='/postgres').geturl()
with psycopg.connect(server, autocommit=True) as conn:
    exists = conn.execute(
        'SELECT 1 FROM pg_database WHERE datname = %s', (name,)).fetchone()
    if action == 'exists':
        sys.exit(0 if exists else 1)
    elif action == 'create' and not exists:
        conn.execute(sql.SQL(
                "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0"
                ).format(sql.Identifier(name)))
    elif action == 'drop' and exists:
        # FORCE: a leftover server or cron of an earlier run may be connected
        conn.execute(sql.SQL('DROP DATABASE {} WITH (FORCE)').format(
                sql.Identifier(name)))
EOF
}

database_exists() {
    if [ "$BACKEND" = sqlite ]; then
        [ -f "$VAR/db/$DB.sqlite" ]
    else
        pg exists
    fi
}

drop_database() {
    rm -f "$READY"
    if [ "$BACKEND" = sqlite ]; then
        # With the file go its write-ahead log: SQLite would replay a stale
        # one into the new database.
        rm -f "$VAR/db/$DB.sqlite" "$VAR/db/$DB.sqlite-wal" \
            "$VAR/db/$DB.sqlite-shm" "$VAR/db/$DB.sqlite-journal"
    else
        pg drop
    fi
}

create_database() {
    if [ "$BACKEND" = sqlite ]; then
        # trytond only opens an existing SQLite file
        : > "$VAR/db/$DB.sqlite"
    else
        pg create
    fi
}

PASSFILE=
build_database() {
    local start=$SECONDS step
    say "building the database '$DB' ($BACKEND)"
    drop_database
    create_database

    step=$SECONDS
    PASSFILE="$(mktemp "$VAR/adminpass.XXXXXX")"
    trap 'rm -f "$PASSFILE"' EXIT
    printf '%s\n' "$ADMIN_PASSWORD" > "$PASSFILE"
    TRYTONPASSFILE="$PASSFILE" "$BIN/trytond-admin" -c "$CONF" -d "$DB" \
        --all --email "$ADMIN_EMAIL" -l es
    rm -f "$PASSFILE"
    "$BIN/trytond-admin" -c "$CONF" -d "$DB" -u "${MODULES[@]}" \
        --activate-dependencies -l es
    say "modules activated in $((SECONDS - step)) s"

    step=$SECONDS
    "$BIN/python" "$ROOT/scripts/demo_data.py" -c "$CONF" -d "$DB"
    say "demo data loaded in $((SECONDS - step)) s"

    touch "$READY"
    say "database '$DB' built in $((SECONDS - start)) s"
}

PIDS=()
stop_all() {
    local pid
    # Each process leads its own group: the group also holds the workers
    # trytond-cron forks, which would outlive their parent otherwise.
    for pid in "${PIDS[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null ||
            true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}

listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Wait (up to two minutes) until something listens on the port, while the
# process lives.
wait_port() {
    local port=$1 pid=$2 deadline=$((SECONDS + 120))
    until listening "$port"; do
        if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            return 1
        fi
        sleep 0.2
    done
}

# Start a process in the background, in its own process group (job control
# is on), its output appended to var/log/NAME.log.
start() {
    local name=$1
    shift
    "$@" </dev/null >>"$LOG/$name.log" 2>&1 &
    PIDS+=($!)
}

failed() {
    echo "demo: $1 stopped; the end of $LOG/$1.log:" >&2
    tail -n 20 "$LOG/$1.log" >&2
    exit 1
}

serve() {
    # The background processes do not get the Ctrl-C of the terminal (they
    # are not in its foreground group): stop them whatever ends the script.
    trap stop_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    set -m

    # Another server on a port would answer in place of ours.
    local port
    for port in "$PORT" "$MAIL_PORT"; do
        if listening "$port"; then
            echo "demo: port $port is in use; choose another with" \
                "DEMO_PORT or DEMO_MAIL_PORT" >&2
            exit 1
        fi
    done

    start mailsink "$BIN/python" "$ROOT/scripts/mailsink.py" \
        --host 127.0.0.1 --port "$MAIL_PORT" --directory "$VAR/mail"
    wait_port "$MAIL_PORT" "${PIDS[-1]}" || failed mailsink
    start cron "$BIN/trytond-cron" -c "$CONF" -d "$DB"
    start trytond "$BIN/trytond" -c "$CONF" -d "$DB"
    local server=${PIDS[-1]}
    wait_port "$PORT" "$server" || failed trytond

    cat <<EOF

  TERRA demo: http://localhost:$PORT/  (database "$DB", $BACKEND)
  Users (password = login + "-terra-2026", e.g. comercial-terra-2026):
    admin       administrator
    gerencia    Gerencia General
    comercial   Comercial
    operaciones Operaciones + Supervisor de Operaciones (all visits)
    tecnico1    Operaciones: technician, sees his own visits
    tecnico2    Operaciones: technician, sees his own visits
    atencion    Atención al Cliente
    sgc         Responsable del SGC
  Mail sent by Tryton: $VAR/mail/   Logs: $LOG/
  Press Ctrl-C to stop.

EOF
    # "wait" returns at once on a signal, so Ctrl-C stops everything now.
    local status=0
    wait "$server" || status=$?
    if [ "$status" -ne 0 ]; then
        failed trytond
    fi
}

main() {
    local reset=false
    case "${1:-}" in
        --reset) reset=true ;;
        '') ;;
        *) echo "usage: $0 [--reset]" >&2; exit 2 ;;
    esac
    bash "$ROOT/scripts/install_sao.sh" "$VAR/sao"
    write_config
    if $reset; then
        say "deleting the database '$DB' ($BACKEND)"
        drop_database
    fi
    if [ -f "$READY" ] && database_exists; then
        say "reusing the database '$DB' ($BACKEND); make demo-reset rebuilds it"
    else
        build_database
    fi
    serve
}

main "$@"
