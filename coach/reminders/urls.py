from django.urls import path

from . import tip_views, views

app_name = "reminders"

urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("pause/", views.pause, name="pause"),
    path("snooze/<int:pk>/", views.snooze, name="snooze"),
    path("calendar/", views.calendar_feed_renew, name="calendar_renew"),
    path("calendar/download.ics", views.calendar_download, name="calendar_download"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("push/", views.push_subscribe, name="push_subscribe"),
    path("tips/", tip_views.tips_subscribe, name="tips_subscribe"),
    path("tips/sent/", tip_views.tips_sent, name="tips_sent"),
    path("tips/confirm/<str:token>/", tip_views.tips_confirm, name="tips_confirm"),
    path("unsubscribe/<str:token>/", tip_views.unsubscribe, name="unsubscribe"),
]
