"""The WSGI application, warmed up before it serves.

Each gunicorn worker imports this module once when it starts (or the master
does with --preload, and the workers inherit it). Besides building the
application it loads now what would otherwise make some worker's first
requests slow: the safety rules (the crisis lexicon takes most of a second to
compile), the fixture catalogues, every URLconf and view module, the project's
templates (compiled into the cached loader), the semantic crisis model when
check-ins are read with it, and a few things a request otherwise imports or
initialises on first use. What stays for a worker
thread's first request is opening its database connection (a few ms).
TRELLIS_WARM_START=0 skips it all (to measure a cold start). Management
commands and tests never import this module.
"""

import logging
import os
import time
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

logger = logging.getLogger("config.wsgi")


def templates_load() -> int:
    """Compile the project's templates (templates/ and the apps' own; not the
    admin's or allauth's pages nobody here opens) into the cached loader;
    returns how many."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    base = Path(settings.BASE_DIR)
    directories = [base / "templates", *sorted(base.glob("apps/*/templates"))]
    count = 0
    for directory in directories:
        for path in sorted(directory.rglob("*.html")):
            try:
                get_template(path.relative_to(directory).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue
            count += 1
    return count


def semantic_load() -> float:
    """The semantic crisis model, when check-ins are read with it in the request
    (apps/safety/semantic_model.py at_checkin): loaded now, once per process (about
    1 s and 140 MB; with --preload the workers share the master's copy). Seconds taken.
    A model that cannot load leaves the web serving: each check-in then leaves its
    reading to the worker's sweep."""
    from apps.safety import semantic_model

    started = time.perf_counter()
    try:
        if semantic_model.at_checkin():
            semantic_model.warm()
    except Exception:
        logger.exception("the semantic crisis model could not be loaded; the sweep will read")
    return time.perf_counter() - started


def warm_start() -> dict:
    """Load the slow parts now; returns milliseconds by part."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.module_loading import import_string

    from apps.accounts.encryption import encrypt
    from apps.diaries import catalog as diary_catalog
    from apps.protocols import catalog as protocol_catalog
    from apps.safety.apps import rules_load

    timings = {}
    started = time.perf_counter()
    timings["safety_rules"] = rules_load()
    mark = time.perf_counter()
    diary_catalog.practices()
    diary_catalog.known_side_effects()
    diary_catalog.patient_side_effects()
    protocol_catalog.component_fixture()
    protocol_catalog.template_fixture()
    timings["catalogues"] = time.perf_counter() - mark
    mark = time.perf_counter()
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (imports every URLconf and view module)
    resolver.reverse_dict  # noqa: B018  (builds the reverse() tables)
    timings["urls"] = time.perf_counter() - mark
    mark = time.perf_counter()
    # Imported or initialised by a request's first use otherwise: the message
    # storage classes, and the cipher context of the journal's encryption.
    import_string(settings.MESSAGE_STORAGE)
    encrypt("warm start")
    timings["first_use"] = time.perf_counter() - mark
    mark = time.perf_counter()
    templates = templates_load()
    timings["templates"] = time.perf_counter() - mark
    timings["semantic_model"] = semantic_load()
    timings["total"] = time.perf_counter() - started
    result = {name: round(seconds * 1000, 1) for name, seconds in timings.items()}
    logger.info(
        "warm start: pid %s, %d templates; %s; in %.1f ms",
        os.getpid(),
        templates,
        ", ".join(f"{name} {ms} ms" for name, ms in result.items() if name != "total"),
        result["total"],
    )
    return result


if os.environ.get("TRELLIS_WARM_START", "1") != "0":
    try:
        warm_start()
    except Exception:  # a slow first request is better than a worker that will not boot
        logger.exception("warm start failed; serving cold")
