from django.urls import path

from . import figure_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("routines/<slug:routine_id>/", views.routine_detail, name="routine"),
    path("routines/<slug:routine_id>/play/", views.player, name="player"),
    path("exercises/<slug:exercise_id>/", views.exercise_detail, name="exercise"),
    path("api/sessions/", views.session_results, name="session_results"),
    path("plan/<slug:exercise_id>/<slug:action>/", views.plan_override, name="plan_override"),
    path("figures/", figure_views.contact_sheet, name="figures"),
    path("figures/<slug:exercise_id>.svg", figure_views.figure_svg, name="figure_svg"),
    path(
        "figures/<slug:exercise_id>/<int:index>.svg", figure_views.keyframe_svg, name="keyframe_svg"
    ),
]
