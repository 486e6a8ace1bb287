"""The diary's scripts in a real browser (Debian's headless Chromium):
diary-draft.js keeps the journal draft across a reload and forgets it after a
save; diary-trends.js draws the charts from the json_script data. The page
is the real check-in page, with a storage set-up before it and a probe after
it; both are test files, never served."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.diaries.services import checkin_submit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")

PROBE = """
var box = document.querySelector("textarea[name=journal]");
var result = {
  value: box.value,
  restored: !document.getElementById("draft-restored").classList.contains("d-none"),
  stored: localStorage.getItem(document.getElementById("checkin-form").dataset.draftKey),
};
box.value = "typed after load"; box.dispatchEvent(new Event("input"));
result.storedAfterTyping = localStorage.getItem(
  document.getElementById("checkin-form").dataset.draftKey);
result.counter = document.getElementById("journal-count").textContent;
document.body.setAttribute("data-result", JSON.stringify(result));
"""


def run_page(tmp_path, html, storage: dict, probe=PROBE) -> dict:
    base = Path(settings.BASE_DIR)
    html = html.replace("/static/js/", f"file://{base}/static/js/")
    html = html.replace("/static/vendor/chartjs/", f"file://{base}/node_modules/chart.js/dist/")
    (tmp_path / "probe.js").write_text(probe)
    setup = "".join(
        f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in storage.items()
    )
    html = html.replace(
        "<body>", f"<body><script>localStorage.clear();{setup}</script>", 1
    ).replace("</body>", f'<script src="file://{tmp_path}/probe.js" defer></script></body>')
    page = tmp_path / "page.html"
    page.write_text(html)
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    raw = re.search(r'data-result="([^"]*)"', dom)
    assert raw, "the probe did not run: " + dom[-500:]
    return json.loads(raw[1].replace("&quot;", '"').replace("&amp;", "&"))


@pytest.fixture
def page(world, client):
    client.force_login(world.patient)
    return client


def draft_key(client):
    return client.get(reverse("diaries:today")).context["draft_key"]


def test_a_draft_survives_a_reload(world, page, tmp_path):
    html = page.get(reverse("diaries:today")).text
    result = run_page(tmp_path, html, {draft_key(page): "words I had not saved"})
    assert result["value"] == "words I had not saved"
    assert result["restored"] is True
    # And every keystroke is kept.
    assert result["storedAfterTyping"] == "typed after load"
    assert result["counter"].startswith("16 of 20000 characters")


def test_without_a_draft_the_saved_entry_is_shown(world, page, tmp_path):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="saved text")
    result = run_page(tmp_path, page.get(reverse("diaries:today")).text, {})
    assert result["value"] == "saved text" and result["restored"] is False


def test_a_successful_save_forgets_the_draft(world, page, tmp_path):
    key = draft_key(page)
    page.post(reverse("diaries:today"), {"mood": "6", "journal": "now saved"})
    html = page.get(reverse("diaries:today")).text
    assert f'data-draft-saved="{key}"' in html
    result = run_page(tmp_path, html, {key: "now saved, plus an old draft"})
    assert result["stored"] is None
    assert result["value"] == "now saved" and result["restored"] is False
    # Only once: the next visit does not forget again.
    assert "data-draft-saved" not in page.get(reverse("diaries:today")).text


def test_a_refused_long_journal_stays_in_the_box_and_in_the_draft(world, page, tmp_path):
    too_long = "w" * 20_001
    response = page.post(reverse("diaries:today"), {"mood": "6", "journal": too_long})
    result = run_page(tmp_path, response.text, {draft_key(page): too_long})
    assert result["value"] == too_long and result["restored"] is False


CHART_PROBE = """
var canvases = document.querySelectorAll("canvas[data-trend]");
var charts = Array.prototype.map.call(canvases, function (canvas) {
  var chart = window.Chart && window.Chart.getChart(canvas);
  return chart ? chart.data.datasets[0].data.slice(-3) : null;
});
document.body.setAttribute("data-result", JSON.stringify(charts));
"""


def test_the_trend_charts_are_drawn_from_the_json_data(world, page, tmp_path):
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=7, anxiety=2, energy=5, journal=""
    )
    html = page.get(reverse("diaries:trends")).text
    charts = run_page(tmp_path, html, {}, probe=CHART_PROBE)
    assert charts == [[None, None, 7], [None, None, 2], [None, None, 5], [None, None, None]]
