from django.urls import path

from . import views

app_name = "diaries"
urlpatterns = [
    path("diary/", views.today, name="today"),
    path("crisis/", views.crisis, name="crisis"),
]
