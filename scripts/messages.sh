#!/usr/bin/env bash
# The Spanish catalogue (issue 19): collect every marked string into
# locale/es/LC_MESSAGES/django.po, then (after translating) compile the .mo.
#   scripts/messages.sh            collect (keeps existing translations)
#   scripts/messages.sh compile    compile the .mo (commit both files)
# tests/diaries/test_spanish_catalogue.py fails on an untranslated or fuzzy
# message, or a .mo that lags its .po.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "compile" ]]; then
  exec uv run python manage.py compilemessages --locale es --ignore ".venv/*" --ignore "node_modules/*"
fi
exec uv run python manage.py makemessages --locale es --no-location --no-obsolete \
  --ignore "node_modules/*" --ignore ".venv/*" --ignore "var/*" --ignore "static/*" \
  --ignore "tests/*" --ignore "bench/*" --ignore "docs/*"
