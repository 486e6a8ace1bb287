"""What makes Trellis installable on a phone's home screen: the web app
manifest and /favicon.ico (browsers ask for it at the root whatever the page
links). Both point at static files, so the hashed names of a production build
are used."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


# Public, like the crisis page: an installed app opens at the diary, and the
# sign-in page sends anyone signed out there first.
@require_GET
@cache_control(max_age=86400, public=True)
def manifest(request):
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    response = JsonResponse(
        {
            "name": "Trellis diary",
            "short_name": "Trellis",
            "description": "Your daily check-in with your clinic.",
            "start_url": reverse("diaries:today"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5cad",
            "icons": icons,
        }
    )
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    return redirect(static("icons/favicon.ico"))
