"""render_pdf: WeasyPrint without the network. Only data: URIs and static files may be fetched."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from safecontext.sharing.pdf import LocalOnlyFetcher, render_pdf
from tests.safety_plans.test_pages import pdf_text

STATIC = Path(str(settings.BASE_DIR)) / "safecontext" / "static"


@pytest.mark.parametrize(
    "url",
    ["http://example.com/pixel.png", "https://example.com/a.css", "ftp://example.com/x", "file:///etc/passwd"],
)
def test_the_fetcher_refuses_the_network_and_files_outside_static(url: str) -> None:
    with pytest.raises(ValueError, match="refused"):
        LocalOnlyFetcher().fetch(url)


def test_the_fetcher_reads_a_static_file_and_data_uris() -> None:
    favicon = STATIC / "images" / "favicon.svg"
    assert favicon.is_file()
    response = LocalOnlyFetcher().fetch(favicon.as_uri())
    assert response is not None
    assert LocalOnlyFetcher().fetch("data:text/plain,hello") is not None


def test_a_template_asking_for_the_network_still_renders_without_asking() -> None:
    template = mock.Mock(
        return_value='<h1>Plan</h1><img src="https://tracker.example/p.png"><link rel=stylesheet href="http://x/a.css">'
    )
    with (
        mock.patch("safecontext.sharing.pdf.render_to_string", template),
        mock.patch("urllib.request.OpenerDirector.open", side_effect=AssertionError("network used")) as opened,
    ):
        pdf = render_pdf("any.html", {})
    assert pdf.startswith(b"%PDF")
    assert "Plan" in pdf_text(pdf)
    assert not opened.called
