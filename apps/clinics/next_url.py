"""The one way a view reads a `next` field: the page to go back to.

`url_has_allowed_host_and_scheme` alone is not enough for `redirect()`:
it accepts any relative text ("²", "a:b", "9999-12-31T23:59"), and
`redirect()` tries text without a slash as a URL name, so a crafted value
answered 500 (issue 21, class 5). Only a path on this site passes.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def next_path(request, value) -> str:
    """`value` if it is a path on this site ("/diary/"), else ""."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return value
