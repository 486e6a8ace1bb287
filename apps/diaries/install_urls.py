from django.urls import path

from . import install_views, offline

urlpatterns = [
    path("manifest.webmanifest", install_views.manifest, name="manifest"),
    path("favicon.ico", install_views.favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service_worker"),
]
