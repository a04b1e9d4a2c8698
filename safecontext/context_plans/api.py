"""context_plans in the JSON API. Same scope and audit as the pages."""

from ninja import Router

router = Router(tags=["context_plans"])
