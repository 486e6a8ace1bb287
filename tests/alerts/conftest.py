import pytest

from config.celery import app as celery_app
from tests.stack import free_port


@pytest.fixture
def eager_celery():
    """Run enqueued tasks in-process, the way Celery's own testing mode does."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def refusing_smtp(settings):
    """Django's SMTP backend aimed at a loopback port nobody listens on: a
    real, immediate connection refusal."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
