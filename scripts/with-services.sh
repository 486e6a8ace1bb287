#!/usr/bin/env bash
# Run a command against throwaway PostgreSQL and Redis servers.
#
# Without DATABASE_URL / REDIS_URL, starts each in a temporary directory on a
# free loopback port (PostgreSQL as the unprivileged postgres user when run as
# root, since initdb refuses root), exports the URLs, runs the command, and
# stops both afterwards. With them set, uses the servers they name.
set -euo pipefail

work=$(mktemp -d /tmp/trellis-services.XXXXXX)
chmod 755 "$work"
pg_bin=""
as_pg=()

cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -f "$work/redis.pid" ]; then
    kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ -z "${DATABASE_URL:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ]; then
    echo "PostgreSQL server binaries not found; run scripts/install-system-packages.sh" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$work"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=$(free_port)
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres --no-sync >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-k $work -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null
  "${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres trellis
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/trellis"
  echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
fi

if [ -z "${REDIS_URL:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "redis-server not found; run scripts/install-system-packages.sh" >&2
    exit 1
  fi
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$work" \
    --save "" --appendonly no --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$redis_port/0"
  echo "==> Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$redis_port"
fi

export TRELLIS_REQUIRE_SERVICES=1
"$@"
