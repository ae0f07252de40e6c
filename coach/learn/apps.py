from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "coach.learn"
    label = "learn"
