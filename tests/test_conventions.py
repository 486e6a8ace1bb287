"""Rules of the codebase that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = Path(settings.BASE_DIR) / "apps"
PURE_MODULES = [
    *sorted((APPS / "safety" / "detectors").glob("*.py")),
    *sorted((APPS / "diaries" / "instruments").glob("*.py")),
    *sorted((APPS / "protocols").glob("schedule.py")),
    APPS / "dashboards" / "brief.py",
    APPS / "trials" / "statistics.py",
]
# Lower layers never import higher ones (DESIGN.md, "Boundaries").
LAYERS = [
    "accounts",
    "clinics",
    "audit",
    "safety",
    "alerts",
    "protocols",
    "diaries",
    "dashboards",
    "console",
    "trials",
    "demo",
]
LEVEL = {
    "accounts": 0,
    "clinics": 1,
    "audit": 2,
    "safety": 3,
    "alerts": 4,
    "protocols": 4,
    "diaries": 5,
    "dashboards": 6,
    # The clinic console's cross-layer pages (care teams move alerts, the alert
    # policy belongs to alerts): on top, like dashboards.
    "console": 6,
    # Blinded trials (issue 20) read plans, check-ins and questionnaires: on top.
    "trials": 6,
    # The synthetic demo clinic builds a little of everything, trials included.
    "demo": 7,
}


def imports_of(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_views_never_fetch_by_id_without_going_through_access():
    offenders = []
    for view in APPS.glob("*/views.py"):
        for number, line in enumerate(view.read_text().splitlines(), 1):
            if ".objects.get(" in line:
                offenders.append(f"{view.relative_to(APPS)}:{number}: {line.strip()}")
    assert not offenders, "use clinics.access or a scoped selector:\n" + "\n".join(offenders)


@pytest.mark.parametrize("module", PURE_MODULES, ids=lambda p: str(p.relative_to(APPS)))
def test_pure_modules_import_no_django(module):
    assert not [name for name in imports_of(module) if name.split(".")[0] in {"django", "apps"}]


@pytest.mark.parametrize("app", LAYERS)
def test_apps_depend_only_downward(app):
    wrong = []
    for path in (APPS / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for name in imports_of(path):
            parts = name.split(".")
            # A pure module imports no app, so any layer may use it without a cycle.
            if APPS.joinpath(*parts[1:]).with_suffix(".py") in PURE_MODULES:
                continue
            if parts[0] == "apps" and len(parts) > 1 and parts[1] in LEVEL:
                if parts[1] != app and LEVEL[parts[1]] >= LEVEL[app]:
                    wrong.append(f"{path.relative_to(APPS)} imports {name}")
    assert not wrong, "\n".join(wrong)
