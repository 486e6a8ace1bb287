from django.urls import path

from . import views

app_name = "clinics"
urlpatterns = [
    path("clinic/members/", views.members, name="members"),
    path("invite/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
