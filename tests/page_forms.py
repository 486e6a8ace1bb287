"""The forms a page shows, read with html.parser: for tests that post what a
person could post (the access matrix for writes, the fuzz walk)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    action: str
    method: str
    # Each field's name and the value the page fills in ("" when none).
    fields: dict = field(default_factory=dict)
    # The choices a select or a group of radio buttons offers.
    choices: dict = field(default_factory=dict)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                PageForm(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                if kind == "submit" and attrs.get("value") is not None:
                    form.choices.setdefault(name, []).append(attrs["value"])
                return
            if kind in ("checkbox", "radio"):
                form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.fields[name] = attrs.get("value", "on")
                else:
                    form.fields.setdefault(name, "")
                return
            form.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            form.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            form.fields[name] = ""
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            form.choices.setdefault(self._select, []).append(value)
            if "selected" in attrs:
                form.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def page_forms(html: str) -> list[PageForm]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms
