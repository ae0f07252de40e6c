"""The app's own settings plus one URL: a bare view doing one ORM read, the yardstick every
page under load is compared with (measured in the same run on the same server)."""

from coach.settings import *  # noqa: F403  (bench only: the app's settings, one URL more)

ROOT_URLCONF = "loadsite.urls"
