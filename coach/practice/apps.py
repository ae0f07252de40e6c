from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "coach.practice"
    label = "practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        from . import guests  # noqa: F401  (claims guest sessions when a person signs in)
