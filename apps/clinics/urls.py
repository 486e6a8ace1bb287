from django.urls import path

from . import views

app_name = "clinics"
urlpatterns = [
    path("clinic/members/", views.members, name="members"),
    path("clinic/invitations/upload/", views.invitations_upload, name="invitations_upload"),
    path(
        "clinic/invitations/<int:invitation_id>/resend/",
        views.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "clinic/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "clinic/members/<int:membership_id>/deactivate/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "clinic/members/<int:membership_id>/reactivate/",
        views.member_reactivate,
        name="member_reactivate",
    ),
    path("clinic/members/add/", views.member_add_existing, name="member_add_existing"),
    path("clinic/settings/", views.clinic_settings, name="settings"),
    path("clinic/on-call/", views.on_call, name="on_call"),
    path("clinic/on-call/<int:shift_id>/remove/", views.on_call_remove, name="on_call_remove"),
    path("invite/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
