"""PDFs rendered from Django templates with WeasyPrint, without any network access.

`render_pdf(template_name, context)` renders the template to HTML and the HTML to PDF bytes. The URL fetcher refuses
every URL except `data:` URIs and files inside the project's static directories, so a PDF can never fetch a tracking
pixel, leak a URL with a person's id to another server, or hang on a slow host. Templates inline their CSS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Fetch data: URIs and files under the static directories; refuse everything else (http, https, ftp, other
    files)."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and _is_static_file(Path(unquote(urlsplit(url).path))):
            return super().fetch(url, headers)
        raise ValueError(f"PDF rendering fetches no network or non-static resources (refused {url[:80]})")


def _static_roots() -> list[Path]:
    roots = [Path(str(directory)).resolve() for directory in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(str(settings.STATIC_ROOT)).resolve())
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(str(location)).resolve())
    return roots


def _is_static_file(path: Path) -> bool:
    resolved = path.resolve()
    return resolved.is_file() and any(resolved.is_relative_to(root) for root in _static_roots())


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template_name, context)
    static = Path(str(settings.BASE_DIR)) / "safecontext" / "static"
    pdf = HTML(string=html, base_url=static.as_uri() + "/", url_fetcher=LocalOnlyFetcher()).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
