"""`/api/v1/`: the JSON API (django-ninja), its OpenAPI 3.1 document and its errors."""

from ninja import NinjaAPI

from . import catalogue_routes, diary_routes, problems, session_routes
from .auth import AUTH

api = NinjaAPI(
    title="Sciatica Coach API",
    version="1",
    description=(
        "Your sessions, pain diary and plan, for your own scripts, watch or study. "
        "Authenticate with a personal access token (Settings → API tokens) as "
        "`Authorization: Bearer sc_...`, or, from the web app, the signed-in session with "
        "its CSRF token. Errors are RFC 9457 problem details."
    ),
    auth=AUTH,
    docs_url=None,  # the reference page is rendered by the app itself (no CDN)
    urls_namespace="api-v1",
)
problems.install(api)
api.add_router("", catalogue_routes.router)
api.add_router("", session_routes.router)
api.add_router("", diary_routes.router)
