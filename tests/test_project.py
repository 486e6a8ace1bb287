"""The project's own promises about itself: deployable settings, migrations
that match the models, a compose file whose commands exist, and a checkout that
stands alone (everything it reads is in the repository)."""

import csv
import importlib
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    return (
        env
        | {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "trellis.example",
            "EMAIL_URL": "smtp+tls://alerts:secret@mail.example:587",
            "TRELLIS_SITE_URL": "https://trellis.example",
            # Production has no default key (apps/accounts/encryption.py).
            "TRELLIS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        }
        | extra
    )


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_its_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            " 'config.settings'); django.setup(); from django.conf import settings;"
            " print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def compose():
    with open(ROOT / "docker-compose.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_compose_has_postgres_redis_and_the_three_app_processes():
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    app_images = {services[name].get("build") for name in ("web", "worker", "beat")}
    assert app_images == {"."}, "web, worker and beat share one service definition"
    assert (ROOT / "Dockerfile").exists()


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_every_app_service_command_exists_in_the_project(name):
    command = compose()["services"][name]["command"]
    executable = command[0]
    assert (VENV_BIN / executable).exists() or shutil.which(executable), executable
    if executable == "gunicorn":
        module, attribute = command[1].split(":")
        assert callable(getattr(importlib.import_module(module), attribute))
    if executable == "celery":
        app_module = command[command.index("-A") + 1]
        assert importlib.import_module(app_module).celery_app.main == "trellis"
        assert command[command.index("-A") + 2] in {"worker", "beat"}


def test_the_procfile_runs_web_worker_and_beat():
    lines = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    assert set(lines) == {"web", "worker", "beat"}
    assert "celery -A config worker" in lines["worker"]
    assert "celery -A config beat" in lines["beat"]


def test_every_beat_job_names_a_registered_task():
    from config.celery import app

    for job in settings.CELERY_BEAT_SCHEDULE.values():
        importlib.import_module(job["task"].rsplit(".", 1)[0])
        assert job["task"] in app.tasks, job["task"]


# --- the repository stands alone ---------------------------------------------------------

# A folder beside the checkout that someone who clones the project does not have. Built
# from pieces so that this file does not name it itself.
OUTSIDE_FOLDERS = (b".." + b"/shared", b"shared" + b"/clinical")
CLINICAL_REFERENCE = ROOT / "docs" / "CLINICAL_REFERENCE.md"
DEV_DATA = ROOT / "tests" / "data"
DEV_KINDS = {
    "none",
    "suicidal",
    "self_harm",
    "harm_others",
    "medical",
    "panic",
    "confusion",
    "psychosis",
    "mania",
}


def tracked_files() -> list[Path]:
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout
    paths = [ROOT / name for name in listed.decode().split("\0") if name]
    assert paths, "git ls-files listed nothing"
    return [path for path in paths if path.is_file()]


def test_no_tracked_file_refers_to_the_folder_beside_the_checkout():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.decode(errors='replace').strip()}"
        for path in tracked_files()
        for number, line in enumerate(path.read_bytes().splitlines(), 1)
        if any(folder in line for folder in OUTSIDE_FOLDERS)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("name", "crises", "others"),
    [("crisis-dev-set.tsv", 35, 35), ("journals-dev.tsv", 99, 380)],
)
def test_the_development_data_is_in_the_repository_and_parses(name, crises, others):
    with open(DEV_DATA / name, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter="\t"))
    assert header == ["label", "kind", "text"]
    for number, row in enumerate(rows, 2):
        assert len(row) == 3, f"{name}:{number}: {row}"
        label, kind, text = row
        assert label in {"0", "1"} and kind in DEV_KINDS, f"{name}:{number}: {row}"
        assert (label == "0") == (kind == "none"), f"{name}:{number}: {row}"
        assert text.strip(), f"{name}:{number}: empty text"
    labels = [row[0] for row in rows]
    assert (labels.count("1"), labels.count("0")) == (crises, others)
    assert (DEV_DATA / "README.md").is_file()


def heading_anchors(markdown: str) -> set[str]:
    """The anchors a Markdown renderer such as GitHub gives the headings."""
    anchors = set()
    for line in markdown.splitlines():
        if heading := re.match(r"#{1,6} (.+)", line):
            text = re.sub(r"[^\w\- ]", "", heading[1].strip().lower())
            anchors.add(text.replace(" ", "-"))
    return anchors


def test_every_citation_of_the_clinical_reference_names_one_of_its_sections():
    anchors = heading_anchors(CLINICAL_REFERENCE.read_text(encoding="utf-8"))
    citations = {
        (path.relative_to(ROOT), anchor.decode())
        for path in tracked_files()
        for anchor in re.findall(rb"CLINICAL_REFERENCE\.md#([\w-]+)", path.read_bytes())
    }
    assert citations, "nothing cites docs/CLINICAL_REFERENCE.md by section"
    missing = sorted(f"{path}: #{anchor}" for path, anchor in citations if anchor not in anchors)
    assert not missing, "\n".join(missing)
