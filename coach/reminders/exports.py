"""Reminders in the person's export (through the diary's `extra_sections` signal, so the diary
never imports this app), and the tips subscription of their address deleted with the account
(reminder rows cascade with the person)."""

from typing import Any

from django.utils import timezone

from .models import Delivery, PushSubscription, ReminderSettings, ReminderSlot, TipSubscription


def _iso(when) -> str | None:
    return timezone.localtime(when).isoformat(timespec="seconds") if when else None


def section(sender, *, user, **kwargs) -> dict[str, Any]:
    rs = ReminderSettings.objects.filter(user=user).first()
    subs = TipSubscription.objects.filter(user=user) | TipSubscription.objects.filter(
        email__iexact=user.email or "-"
    )
    return {
        "reminders": {
            "settings": None
            if rs is None
            else {
                "zone": rs.zone,
                "times": rs.times,
                "days": rs.days,
                "quiet_hours": [str(rs.quiet_start or ""), str(rs.quiet_end or "")],
                "follow_up": rs.follow_up,
                "paused_until": _iso(rs.paused_until),
                "email": rs.email,
                "push": rs.push,
                "language": rs.language,
                "calendar_feed": bool(rs.calendar_token),
            },
            "slots": [
                {
                    "reminder": s.reminder,
                    "kind": s.kind,
                    "local_date": s.local_date.isoformat(),
                    "slot_time": f"{s.slot_time:%H:%M}",
                    "due_at": _iso(s.due_at),
                    "status": s.status,
                    "reason": s.reason,
                    "sent_at": _iso(s.sent_at),
                }
                for s in ReminderSlot.objects.filter(user=user).order_by("due_at")
            ],
            "deliveries": [
                {"channel": d.channel, "at": _iso(d.at), "ok": d.ok, "detail": d.detail}
                for d in Delivery.objects.filter(slot__user=user).order_by("at")
            ],
            "push_browsers": PushSubscription.objects.filter(user=user).count(),
            "tips_by_email": [
                {
                    "email": t.email,
                    "confirmed_at": _iso(t.confirmed_at),
                    "send_time": f"{t.send_time:%H:%M}",
                    "next_tip": t.next_number,
                    "language": t.language,
                }
                for t in subs.distinct()
            ],
        }
    }


def forget_email(sender, *, instance, **kwargs) -> None:
    """An account is being deleted: its address's tips subscription goes too."""
    if instance.email:
        TipSubscription.objects.filter(email__iexact=instance.email).delete()
