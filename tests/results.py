"""A session result as the player posts it, shared by the web, API and browser tests."""

from datetime import datetime, timedelta


def hip_flexor_played(started: datetime, seconds: int = 161) -> dict:
    """The hip flexor played through from `started`, its one stretch held for two minutes."""
    return {
        "routine_id": "hip-flexor",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=seconds)).isoformat(),
        "completed": True,
        "planned_seconds": 160,
        "practised_seconds": 160,
        "exercises": [
            {
                "exercise_id": "hip-flexor-chair-lunge",
                "outcome": "done",
                "held_seconds": 120,
                "planned_seconds": 120,
                "side": "",
                "spread": False,
            }
        ],
        "checks": [],
    }
