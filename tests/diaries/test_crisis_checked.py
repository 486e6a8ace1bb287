"""The crisis page says when each service was last checked, and links its
source where that is a web address, in the page's language."""

from html import unescape

from django.urls import reverse

CRISIS_PAGE = reverse("diaries:crisis")


def test_the_english_page_says_when_each_service_was_checked(client):
    page = unescape(client.get(CRISIS_PAGE + "?lang=en").text)
    assert "Checked 1 Nov 2026" in page


def test_the_spanish_page_says_it_in_spanish_and_links_the_source(client):
    page = unescape(client.get(CRISIS_PAGE + "?lang=es").text)
    assert "Comprobado el 4 Dic 2026" in page
    assert (
        '<a href="https://988lifeline.org/get-help/what-to-expect" rel="noopener">fuente</a>'
        in page
    )
    assert "Checked" not in page
