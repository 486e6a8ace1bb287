import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Rate-limit counters and used TOTP codes live in the cache, which
    outlives a test (locmem is per process, Redis per run): start each test
    here from zero so one test's failed logins never lock out the next."""
    cache.clear()
    yield
    cache.clear()
