"""The service navigation shows each signed-in user the places their role may use, and no others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecontext.access.permissions import has_permission
from safecontext.core.context_processors import NAV_ITEMS
from tests.conftest import PERSONAS, World


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_menu_lists_exactly_what_the_persona_may_use(persona: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(persona).get(reverse("core:home")).content.decode()
    menu = page[page.index('id="navigation"') : page.index("Sign out")]
    user = world.users[persona]
    for item in NAV_ITEMS:
        allowed = item.permission is None or has_permission(user, item.permission)
        assert (f'href="{reverse(item.url_name)}"' in menu) is allowed, f"{persona}: {item.label}"


def test_every_menu_item_answers_200_for_a_team_manager(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("manager")
    for item in NAV_ITEMS:
        assert client.get(reverse(item.url_name)).status_code == 200, item.label
