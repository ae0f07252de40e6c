"""What practice tells the apps above it, without importing them."""

from django.dispatch import Signal

session_saved = Signal()
"""Sent with `session=` once a person's played session is first saved (not a guest's, not a
retry), inside the transaction that saves it, so what receivers write commits (or not) with
the session. The diary links the check-in made just before it and brings the person's plan
state up to date."""

plan_overridden = Signal()
"""Sent with `override=` inside the transaction that saves a person's override of their plan."""

sessions_quarantined = Signal()
"""Sent with `user=` inside the transaction in which sessions of theirs were quarantined
(coach/practice/quarantine.py): they leave the history the plan is worked out from."""

sessions_claimed = Signal()
"""Sent with `user=` inside the transaction in which sessions played as a guest join the
person's history."""
