"""/healthz: may the proxy (or a monitor) send requests to this app server? It answers 200
only when the database answers a trivial query, and says so in JSON; 503 with the reason
otherwise. It reads no session and sets no cookie, so a check every few seconds leaves
nothing behind."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        first_line = (str(exc).strip() or "no answer").splitlines()[0]
        reason = f"{type(exc).__name__}: {first_line}"[:200]
        return _answer({"database": "unavailable", "reason": reason}, status=503)
    return _answer({"database": "ok"}, status=200)


def _answer(body: dict[str, str], *, status: int) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"  # never a stale answer; and not "private": no person
    return response
