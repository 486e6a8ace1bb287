"""The embedded broker keeps all its state under var/.

Without REDIS_URL, Celery runs on kombu's filesystem transport, which writes
messages (in, out, processed) and its exchange-queue tables (control) to
folders. Any folder it is not told about defaults to a path relative to the
working directory, which is the repository under `make run`: that is how a
control/celery.exchange got committed. Here a process with the embedded
settings, started in an empty directory, publishes a task and takes it off the
queue again, and everything it wrote must be under its var/.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

ROUND_TRIP = """
import json
from config.celery import app
from django.conf import settings

with app.connection_for_write() as conn:
    app.send_task("apps.alerts.tasks.heartbeat", connection=conn)
with app.connection_for_read() as conn:
    queue = conn.SimpleQueue("celery")
    message = queue.get(timeout=10)
    message.ack()
    queue.close()
print(json.dumps({
    "url": app.conf.broker_url,
    "options": app.conf.broker_transport_options,
    "task": message.headers["task"],
}))
"""

FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


def embedded_round_trip(directory: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "TRELLIS_VAR_DIR"}
    }
    env |= {
        "DJANGO_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "TRELLIS_VAR_DIR": str(directory / "var"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_filesystem_broker_writes_only_under_var(tmp_path):
    var = tmp_path / "var"
    result = embedded_round_trip(tmp_path)
    assert result["url"].startswith("filesystem://")
    assert result["task"] == "apps.alerts.tasks.heartbeat"  # the round trip happened

    options = result["options"]
    for name in FOLDERS:
        assert name in options, f"{name} is left to kombu's default, in the working directory"
        folder = Path(options[name])
        assert folder.is_absolute() and folder.is_relative_to(var), (name, folder)
        assert folder.is_dir(), f"{name} ({folder}) was not created"

    # Nothing beside var/ in the working directory (no control/, data_in/...).
    assert sorted(path.name for path in tmp_path.iterdir()) == ["var"]
    # The exchange-queue table the publish wrote is in the control folder.
    assert (Path(options["control_folder"]) / "celery.exchange").is_file()
