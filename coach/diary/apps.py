from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "coach.diary"
    label = "diary"

    def ready(self) -> None:
        from coach.practice import signals

        from . import plan_state
        from .services import link_checkins_on_save

        signals.session_saved.connect(link_checkins_on_save, dispatch_uid="diary-link-checkins")
        signals.session_saved.connect(plan_state.session_added, dispatch_uid="diary-plan-session")
        signals.plan_overridden.connect(
            plan_state.override_added, dispatch_uid="diary-plan-override"
        )
        signals.sessions_claimed.connect(
            plan_state.sessions_claimed, dispatch_uid="diary-plan-claimed"
        )
        # Quarantined sessions leave the history as claimed ones join it: rebuild the state.
        signals.sessions_quarantined.connect(
            plan_state.sessions_claimed, dispatch_uid="diary-plan-quarantined"
        )
