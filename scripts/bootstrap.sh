#!/usr/bin/env bash
# Install the project's Python and npm dependencies from its lock files.
# Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

python3 --version >/dev/null 2>&1 || { echo "python3 is missing" >&2; exit 1; }
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 13))'; then
  echo "Trellis needs Python 3.13 (.python-version); python3 is $(python3 --version)." >&2
  echo "With pyenv: pyenv install 3.13" >&2
  exit 1
fi
if ! uv --version >/dev/null 2>&1; then
  echo "==> installing uv from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check uv
fi
echo "==> Python dependencies (uv.lock)"
# Compiled to bytecode once, here, as on a server: a process (a web or worker start, a
# `manage.py crisis_scan`) then starts without compiling them again where Python may not
# write its own caches (PYTHONDONTWRITEBYTECODE; about a second of crisis_scan's start).
uv sync --frozen --quiet --compile-bytecode
echo "==> front-end assets (package-lock.json)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
