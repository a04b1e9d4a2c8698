"""The JSON API root (django-ninja). Each app adds its router in its own `api.py`.

Same access rules and audit as the pages: routes fetch records through access/scope.py and record reads with
audit/actions.record_access. OpenAPI is served at /api/openapi.json.
"""

from ninja import NinjaAPI

from safecontext.accounts.api_auth import BearerToken

api = NinjaAPI(
    title="SafeContext API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is at /api/openapi.json
)

from safecontext.people.api import router as people_router  # noqa: E402

api.add_router("/people", people_router)
