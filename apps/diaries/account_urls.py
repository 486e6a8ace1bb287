from django.urls import path

from . import account_views

urlpatterns = [
    path("diary/who-looked/", account_views.who_looked, name="who_looked"),
    path(
        "diary/download/trellis-everything.json",
        account_views.everything_json,
        name="export_everything",
    ),
    path(
        "diary/download/trellis-everything.zip",
        account_views.everything_csv,
        name="export_everything_csv",
    ),
    path("diary/close-account/", account_views.close_account, name="close_account"),
]
