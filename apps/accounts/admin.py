from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import Http404

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


def _admin_login(request, extra_context=None):
    """Django admin's login goes through allauth (password, then TOTP, with
    its rate limits). Signed-in people who are not operators get 404, like
    any page that is not theirs."""
    if request.user.is_authenticated and not (request.user.is_staff and request.user.is_active):
        raise Http404
    return secure_admin_login(_django_admin_login)(request, extra_context)


_django_admin_login = admin.site.login
admin.site.login = _admin_login
