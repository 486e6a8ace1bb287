from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

from .floor import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *app_urlpatterns]
