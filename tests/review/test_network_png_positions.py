"""Review: the network PNG takes the browser's layout (any finite floats). Positions spanning more than a float can
hold made the scale 0 and the offsets infinite, so NaN pixel positions reached the drawing: a 500. A layout that
cannot be scaled is ignored, as a malformed one already is (the server lays the graph out itself)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.network.helpers import link
from tests.sharing.records import make_share


@pytest.mark.parametrize("values", [(-1.7e308, 1.7e308), (0.0, 5e-324)])
def test_an_unscalable_layout_still_gives_the_png(world: World, client_for, values: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    made = link(world.child, world.mother, by=world.users["allocated_worker"])
    share = make_share(world.child, by=world.users["allocated_worker"], items=["network_map"])
    positions = {f"n{made.a_id}": [values[0], values[0]], f"n{made.b_id}": [values[1], values[1]]}
    response = client_for("allocated_worker").post(
        reverse("network:person_export", kwargs={"person_id": world.child.pk}),
        {"sharing_record": str(share.pk), "positions": json.dumps(positions)},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
