import os
import subprocess  # nosec B404: runs our own check script
import sys
from pathlib import Path

CHECK = Path(__file__).with_name("sqlite_append_only_check.py")


def test_the_audit_trail_is_append_only_on_the_embedded_sqlite_default_too(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'trellis.sqlite3'}"
    env["TRELLIS_VAR_DIR"] = str(tmp_path)
    done = subprocess.run(  # nosec B603: a fixed command line
        [sys.executable, str(CHECK)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
