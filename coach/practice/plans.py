"""What a person's plan changes in a routine, as the practice pages need it.

The routine's rules live in the pure core (stretching.rules); this module gathers the
person's history, asks the core, and hands the views the adjustments and the sentences
that explain them. Guests get the routine as the pages give it.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse

from stretching.catalogue import Routine
from stretching.timeline import NO_ADJUSTMENTS, Adjustments


@dataclass(frozen=True)
class PlanView:
    adjustments: Adjustments = NO_ADJUSTMENTS
    notes: dict[str, str] = field(default_factory=dict)
    explanations: list[str] = field(default_factory=list)


def for_request(request: HttpRequest, routine: Routine) -> PlanView:
    return PlanView()


def blocked_response(request: HttpRequest, routine: Routine) -> HttpResponse | None:
    """A response to show instead of the player (a safety check or a daily limit), or None."""
    return None


def after_session_url(request: HttpRequest) -> str:
    return ""
