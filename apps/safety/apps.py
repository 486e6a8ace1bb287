import logging
import time

from django.apps import AppConfig

logger = logging.getLogger(__name__)


def rules_load() -> float:
    """Load and compile every safety rule set now (each is cached for the
    process's life), so no request or task pays for it; returns the seconds
    it took. Compiling the crisis lexicon alone takes most of a second."""
    from . import rules
    from .detectors.crisis import compile_every_rule

    started = time.perf_counter()
    # Every rule's expression too, which a short-lived command compiles only as a text
    # first reaches it: a web or worker process pays for them once, here.
    compile_every_rule(rules.crisis_lexicon())
    rules.contraindication_rules()
    rules.alert_rules()
    rules.crisis_resources()
    rules.components()
    # The context reading's words and thresholds (fixtures/context_rules.yaml).
    from .services import context_rules

    context_rules()
    return time.perf_counter() - started


def _worker_rules_load(**_kwargs) -> None:
    # Celery's main process, before the prefork pool forks its children: each
    # child starts with the rules already compiled (and a solo worker has them too).
    seconds = rules_load()
    logger.info("safety rules loaded in %.0f ms", seconds * 1000)
    _worker_semantic_load()


def _worker_semantic_load() -> None:
    """The semantic crisis model (apps/safety/semantic_model.py), loaded once in
    the worker's main process so the forked children share it and no reading
    pays for it. A web process loads it at start too when it reads check-ins itself
    (semantic_model.at_checkin, config/wsgi.py), else only for the second reading of a
    medical or panic finding (apps/safety/services.py readers_score)."""
    from . import semantic_model

    try:
        seconds = semantic_model.warm()
    except Exception:
        # A worker also delivers alerts: it must start even if the model cannot
        # load. Each semantic reading then fails (and is logged) on its own.
        logger.exception("the semantic crisis model could not be loaded")
        return
    logger.info(
        "semantic crisis model (%s) loaded in %.0f ms", semantic_model.mode(), seconds * 1000
    )


class SafetyConfig(AppConfig):
    name = "apps.safety"
    label = "safety"

    def ready(self):
        # Only a signal connected here, so management commands and tests do not
        # pay for the rules; web workers load them in config/wsgi.py.
        from celery.signals import worker_init

        worker_init.connect(_worker_rules_load, weak=False, dispatch_uid="safety-rules-load")
