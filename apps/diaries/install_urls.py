from django.urls import path

from . import install_views

urlpatterns = [
    path("manifest.webmanifest", install_views.manifest, name="manifest"),
    path("favicon.ico", install_views.favicon, name="favicon"),
]
