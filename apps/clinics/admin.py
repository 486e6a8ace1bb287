from django.contrib import admin

from .models import CareTeam, Clinic, Invitation, Membership, OnCallShift

admin.site.register(Clinic)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "clinic", "role", "is_active"]
    list_filter = ["role", "is_active", "clinic"]


@admin.register(CareTeam)
class CareTeamAdmin(admin.ModelAdmin):
    list_display = ["patient", "clinician", "is_primary", "clinic"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "clinic", "role", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]


@admin.register(OnCallShift)
class OnCallShiftAdmin(admin.ModelAdmin):
    list_display = ["clinician", "covers", "starts_at", "ends_at", "clinic"]
    list_filter = ["clinic"]
