"""Writes for the pain diary."""

from datetime import datetime, timedelta

from django.utils import timezone

from coach.practice.models import PracticeSession

from .models import CheckIn

BEFORE_LINK_HOURS = 2
"""[design] A "before" check-in this many hours before a session started belongs to it."""


def checkin_create(
    *, user, leg_pain: int, back_pain: int, extent_left: int = 0, extent_right: int = 0,
    numbness: bool = False, weakness: bool = False, note: str = "",
    context: str = "standalone", session: PracticeSession | None = None,
    at: datetime | None = None,
) -> CheckIn:
    return CheckIn.objects.create(
        user=user, at=at or timezone.now(), leg_pain=leg_pain, back_pain=back_pain,
        extent_left=extent_left, extent_right=extent_right, numbness=numbness,
        weakness=weakness, note=note, context=context, session=session,
    )


def checkin_delete(*, checkin: CheckIn) -> None:
    checkin.delete()


def checkins_link_to_session(*, session: PracticeSession) -> int:
    """Link the person's latest unlinked "before" check-in to the session that followed it."""
    if session.user_id is None:
        return 0
    latest = (CheckIn.objects.filter(
        user_id=session.user_id, context="before", session__isnull=True,
        at__gte=session.started_at - timedelta(hours=BEFORE_LINK_HOURS),
        at__lte=session.started_at + timedelta(minutes=5),
    ).order_by("-at").first())
    if latest is None:
        return 0
    latest.session = session
    latest.save(update_fields=["session"])
    return 1
