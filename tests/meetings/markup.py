"""A static check of page markup for the things axe-core flags most on forms (WCAG 2.2 AA): every field has a label,
ids are unique, aria-describedby and error-summary links point at something, headings do not skip levels, one h1 on
a page and none in a panel, and nothing inline that the Content-Security-Policy would block (style attributes,
inline scripts). The browser tests run axe itself; this runs on every page and panel in the ordinary suite."""

from __future__ import annotations

from html.parser import HTMLParser

FIELD_TAGS = {"input", "textarea", "select"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, dict[str, str]]] = []
        self.described_by: list[str] = []
        self.links: list[str] = []
        self.headings: list[int] = []
        self.problems: list[str] = []
        self._label_depth = 0
        self._wrapped_fields: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        if "style" in values:
            self.problems.append(f"inline style attribute on <{tag}>")
        if any(name.startswith("on") for name in values):
            self.problems.append(f"inline event handler on <{tag}>")
        if tag == "script" and "src" not in values:
            self.problems.append("inline <script>")
        if tag == "label":
            self._label_depth += 1
            if values.get("for"):
                self.label_for.add(values["for"])
        if tag in FIELD_TAGS:
            if self._label_depth:
                self._wrapped_fields.add(len(self.fields))
            self.fields.append((tag, values))
        if values.get("aria-describedby"):
            self.described_by.extend(values["aria-describedby"].split())
        if tag == "a" and values.get("href", "").startswith("#"):
            self.links.append(values["href"][1:])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)


def markup_problems(html: str, *, page: bool = True) -> list[str]:
    """What an accessibility checker would object to; [] when none. `page=False` for an htmx panel, which sits
    under its host page's h1 and so must start at h2."""
    collector = _Collector()
    collector.feed(html)
    problems = list(collector.problems)
    ids = collector.ids
    duplicates = sorted({value for value in ids if ids.count(value) > 1})
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    known = set(ids)
    for index, (tag, values) in enumerate(collector.fields):
        if tag == "input" and values.get("type", "text") in UNLABELLED_INPUT_TYPES:
            continue
        field_id = values.get("id", "")
        if index in collector._wrapped_fields or values.get("aria-label"):
            continue
        if not field_id or field_id not in collector.label_for:
            problems.append(f"<{tag} name={values.get('name')!r}> has no label")
    for target in collector.described_by:
        if target not in known:
            problems.append(f"aria-describedby points at missing id {target!r}")
    for target in collector.links:
        if target and target not in known and target != "main-content":
            problems.append(f"link to missing id #{target}")
    headings = collector.headings
    if page and headings.count(1) != 1:
        problems.append(f"a page needs exactly one h1 (found {headings.count(1)})")
    if not page and 1 in headings:
        problems.append("a panel must not have an h1 (its host page has one)")
    previous = 1
    for level in headings:
        if level > previous + 1:
            problems.append(f"heading level skipped: h{previous} then h{level}")
        previous = level
    return problems
