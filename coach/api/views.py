"""Pages: the API tokens in Settings (made, listed, revoked) and the API's reference."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .api import api
from .models import AccessToken
from .tokens import EXPIRY_DAYS, token_create, token_revoke


def _days_text(n: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", n) % {"count": n}


_days = lazy(_days_text, str)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What uses it: 'my watch', 'study export'."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"), choices=AccessToken.SCOPES, initial=AccessToken.READ
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=[(d, _days(d)) for d in EXPIRY_DAYS],
        coerce=int,
        initial=90,
    )


@login_required
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's tokens with their last use; a new one is shown once, right after it is made."""
    form = TokenForm(request.POST or None)
    shown = None
    if request.method == "POST" and form.is_valid():
        row, shown = token_create(user=request.user, **form.cleaned_data)
        form = TokenForm()
    mine = AccessToken.objects.filter(user_id=_pk(request))
    return render(request, "api/tokens.html", {"form": form, "tokens": mine, "new_token": shown})


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    found = AccessToken.objects.filter(user_id=_pk(request), pk=pk).first()
    if found is None:
        raise Http404(_("You have no token with this id."))
    token_revoke(token=found)
    return redirect("api_tokens")


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parameters": op.get("parameters", []),
                    "body": _ref_name(op.get("requestBody", {})),
                    "responses": [
                        {"status": s, "schema": _ref_name(r)} for s, r in op["responses"].items()
                    ],
                }
            )
    return sorted(found, key=lambda o: (o["tag"], o["path"], o["method"]))


def _ref_name(part: dict[str, Any]) -> str:
    schema = part.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    return f"list of {name}" if "items" in schema and name else name or schema.get("type", "")


@require_GET
def reference(request: HttpRequest) -> HttpResponse:
    """The API's reference, drawn on the server from its OpenAPI document (no CDN, no script)."""
    doc = api.get_openapi_schema(path_prefix="/api/v1/")
    schemas = doc.get("components", {}).get("schemas", {})
    return render(
        request,
        "api/reference.html",
        {
            "doc": doc,
            "operations": _operations(doc),
            "schemas": sorted(
                (name, list(s.get("properties", {}).items()), set(s.get("required", [])))
                for name, s in schemas.items()
            ),
        },
    )


def _pk(request: HttpRequest) -> int:
    """The signed-in person's id (the views are behind login_required)."""
    assert request.user.pk is not None
    return int(request.user.pk)
