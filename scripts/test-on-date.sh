#!/usr/bin/env bash
# Run the suite with every process's clock moved to another moment, to show
# that its verdict does not depend on the day it runs.
#
#   scripts/test-on-date.sh 'TZ="America/New_York" 2026-12-31 23:40' [pytest args]
#
# The moment is anything `date -d` reads. libfaketime (Debian's `faketime`)
# is preloaded into the test run and everything it starts (PostgreSQL, Redis,
# gunicorn, the Celery worker and beat, Chromium) with one offset from the real
# clock, so they all agree on the time and it goes on ticking. The monotonic
# clock moves by the same offset (left real, libfaketime turns Python's
# time.sleep into EINVAL, and Chromium hangs). Redis keeps the real clock
# (under libfaketime its start-up recursion in clock_gettime hangs it and
# redis-cli), and nothing in Trellis reads a date from Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  echo "usage: $0 MOMENT [pytest args]   (MOMENT as date -d reads it)" >&2
  exit 2
fi
moment=$1
shift

make install system-packages
library=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if [ ! -e "$library" ]; then
  library=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)
fi
if [ -z "$library" ] || [ ! -e "$library" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "libfaketime is missing: sudo apt-get install -y faketime" >&2
    exit 1
  fi
  echo "==> apt-get install faketime"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime >/dev/null
  library=$(ls /usr/lib/*/faketime/libfaketime.so.1 | head -1)
fi

target=$(date -u -d "$moment" +%s)
offset=$((target - $(date -u +%s)))
echo "==> the clock reads $(date -u -d "@$target" '+%Y-%m-%d %H:%M:%S UTC') (offset ${offset} s)"

export LD_PRELOAD="$library"
export FAKETIME="$(printf '%+d' "$offset")"
# Every redis-server and redis-cli (with-services.sh's and the tests' own)
# starts through a shim on PATH that drops the preload.
shims=$(mktemp -d /tmp/trellis-faketime.XXXXXX)
trap 'rm -rf "$shims"' EXIT
for program in redis-server redis-cli; do
  printf '#!/bin/sh\nexec env -u LD_PRELOAD -u FAKETIME %s "$@"\n' "$(command -v "$program")" \
    >"$shims/$program"
  chmod +x "$shims/$program"
done
export PATH="$shims:$PATH"
export TRELLIS_REQUIRE_SERVICES=1
scripts/with-services.sh uv run pytest -p no:cacheprovider "$@"
