from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("clinic/access-trail/", views.trail, name="trail"),
    path("break-glass/", views.break_glass, name="break_glass"),
]
