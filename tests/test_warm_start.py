"""Warm start: a web worker loads the safety rules, the URLconf and the
templates when it imports config.wsgi, a Celery worker loads the rules at
worker_init, and plain django.setup() (management commands, tests) loads none
of it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from celery.signals import worker_init

from apps.safety import rules
from apps.safety.apps import _worker_rules_load

ROOT = Path(__file__).resolve().parent.parent
RULE_LOADERS = (
    "crisis_lexicon",
    "contraindication_rules",
    "alert_rules",
    "crisis_resources",
    "components",
)

PROBE = """
import json, sys
import django
django.setup()
from apps.safety import rules

def state():
    from django.template import engines
    loader = engines["django"].engine.template_loaders[0]
    return {
        "rules": {name: getattr(rules, name).cache_info().currsize for name in LOADERS},
        "views_imported": "apps.diaries.views" in sys.modules,
        "today_template_cached": any(
            "diaries/today.html" in str(key) for key in getattr(loader, "get_template_cache", {})
        ),
        "semantic_models": sorted(sys.modules["apps.safety.semantic_model"]._loaded)
        if "apps.safety.semantic_model" in sys.modules
        else [],
    }

after_setup = state()
import config.wsgi  # noqa: F401
print(json.dumps({"after_setup": after_setup, "after_wsgi": state()}))
""".replace("LOADERS", repr(RULE_LOADERS))


def probe(**env) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_wsgi_loads_rules_urls_and_templates_but_setup_alone_does_not():
    found = probe(TRELLIS_WARM_START="1")
    assert found["after_setup"]["rules"] == dict.fromkeys(RULE_LOADERS, 0)
    assert found["after_wsgi"]["rules"] == dict.fromkeys(RULE_LOADERS, 1)
    assert found["after_wsgi"]["views_imported"]
    assert found["after_wsgi"]["today_template_cached"]


def test_warm_start_can_be_switched_off():
    found = probe(TRELLIS_WARM_START="0")
    assert found["after_wsgi"]["rules"] == dict.fromkeys(RULE_LOADERS, 0)
    assert not found["after_wsgi"]["today_template_cached"]


def test_celery_worker_init_loads_the_rules():
    # Connected (by SafetyConfig.ready); called directly, since sending the
    # signal would run Celery's own worker_init receivers in the test process.
    assert _worker_rules_load in [receiver for _key, receiver in worker_init.receivers]
    for name in RULE_LOADERS:
        getattr(rules, name).cache_clear()
    _worker_rules_load(sender=None)
    assert {name: getattr(rules, name).cache_info().currsize for name in RULE_LOADERS} == (
        dict.fromkeys(RULE_LOADERS, 1)
    )
    # Every crisis rule's expression is compiled too (stop 52: elsewhere only when first needed).
    dispatch = rules.crisis_lexicon().dispatch
    assert len(dispatch) == len(dispatch.known)


def test_the_context_rules_are_loaded_with_the_others():
    from apps.safety.apps import rules_load
    from apps.safety.services import context_rules

    context_rules.cache_clear()
    rules_load()
    assert context_rules.cache_info().currsize == 1


def test_a_web_process_that_reads_check_ins_loads_the_semantic_model_at_start():
    found = probe(TRELLIS_SEMANTIC_MODEL="fake", TRELLIS_SEMANTIC_AT_CHECKIN="1")
    assert found["after_setup"]["semantic_models"] == []
    assert found["after_wsgi"]["semantic_models"] == ["fake"]


def test_a_web_process_that_leaves_reading_to_the_worker_does_not_load_it():
    found = probe(TRELLIS_SEMANTIC_MODEL="fake", TRELLIS_SEMANTIC_AT_CHECKIN="0")
    assert found["after_wsgi"]["semantic_models"] == []
    found = probe(TRELLIS_SEMANTIC_MODEL="off", TRELLIS_SEMANTIC_AT_CHECKIN="1")
    assert found["after_wsgi"]["semantic_models"] == []
