"""Errors as RFC 9457 problem details: type, title, status, detail, and the field at fault."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .tokens import TokenRefused

CONTENT_TYPE = "application/problem+json"
TYPES = "/api/v1/reference#problem-"


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    field: str | None = None


class ApiProblem(Exception):
    def __init__(self, status: int, title: str, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.field = status, title, detail, field


def problem(status: int, title: str, detail: str, field: str | None = None) -> HttpResponse:
    slug = title.lower().replace(" ", "-")
    body = Problem(type=TYPES + slug, title=title, status=status, detail=detail, field=field)
    return HttpResponse(body.model_dump_json(), status=status, content_type=CONTENT_TYPE)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """Ninja's error location ('body', 'payload', 'exercises', 2, 'outcome') as one name
    ('exercises[2].outcome'); the parameter's own name for a query or header parameter."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "header", "path", "cookie"):
        where = parts.pop(0)
        if where == "body" and len(parts) > 1:
            parts.pop(0)  # the operation's argument name, not the client's
    name = ""
    for p in parts:
        name += f"[{p}]" if isinstance(p, int) else (f".{p}" if name else str(p))
    return name or None


def install(api: NinjaAPI) -> None:
    """Every error the API answers goes out as a problem document."""

    @api.exception_handler(ApiProblem)
    def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem(exc.status, exc.title, exc.detail, exc.field)

    @api.exception_handler(TokenRefused)
    def _token(request: HttpRequest, exc: TokenRefused) -> HttpResponse:
        response = problem(exc.status, exc.title, exc.detail, "Authorization")
        if exc.status == 429:
            response["Retry-After"] = "60"
        return response

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        detail = first.get("msg", "The request does not match the schema.")
        return problem(422, "Invalid request", detail, _field_of(first.get("loc", ())))

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(
            401,
            "Not signed in",
            "Send a personal access token (Authorization: Bearer sc_...) or sign in.",
            "Authorization",
        )

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        title = {400: "Unreadable body", 405: "Method not allowed"}.get(exc.status_code, "Refused")
        return problem(exc.status_code, title, str(exc))


def responses(*codes: int) -> dict[int, type[Problem]]:
    """The problem statuses an operation documents, beside its answers: always 400 (a body
    that is not JSON) and 422 (a parameter or field out of its schema)."""
    return dict.fromkeys(sorted({400, 422, *codes}), Problem)
