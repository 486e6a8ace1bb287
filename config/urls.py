from django.contrib import admin
from django.urls import include, path

from apps.accounts.views import email_address
from apps.clinics.views import home

urlpatterns = [
    path("", home, name="home"),
    # Before allauth's own: the address is the clinic's to change (apps/accounts/views.py).
    path("accounts/email/", email_address, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("", include("apps.clinics.urls")),
    path("", include("apps.console.urls")),
    path("", include("apps.audit.urls")),
    path("", include("apps.diaries.urls")),
    path("", include("apps.diaries.install_urls")),
    path("", include("apps.dashboards.urls")),
    path("", include("apps.dashboards.crisis_example_urls")),
    path("", include("apps.alerts.urls")),
    path("", include("apps.protocols.urls")),
    path("", include("apps.trials.urls")),
    path("django-admin/", admin.site.urls),
]
