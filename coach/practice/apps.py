from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "coach.practice"
    label = "practice"
    verbose_name = "Practice"
