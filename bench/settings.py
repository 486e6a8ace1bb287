"""The app's settings plus the benchmark's floor view (bench/urls.py).

Selected only by the benchmark's web process (DJANGO_SETTINGS_MODULE=bench.settings),
so the floor view never exists in the production URLconf.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
