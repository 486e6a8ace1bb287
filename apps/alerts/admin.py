from django.contrib import admin

from .models import Alert, Delivery


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["channel", "recipient", "outcome", "detail", "attempted_at"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["created_at", "patient", "rule", "severity", "state", "occurrences"]
    list_filter = ["state", "severity", "rule"]
    inlines = [DeliveryInline]
