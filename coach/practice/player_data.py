"""What the player page hands its script about each stretch: names, cues and the pictures,
one per set where a set is done differently (the glute squeeze's toes-out set). Built here for
every player (the built-in routines' and those a clinician assigned)."""

from django.urls import reverse

from stretching import catalogue, figures


def player_exercises(cat: catalogue.Catalogue, exercise_ids) -> dict[str, dict]:
    """Each stretch by id, in `cat`'s words; `sets`: the picture of a set done differently,
    by set number (the player shows it during that set)."""
    found = {}
    for eid in dict.fromkeys(exercise_ids):
        ex = cat.exercises[eid]
        found[eid] = {
            "name": ex.name,
            "short": ex.short_name,
            "figure": reverse("figure_svg", args=[eid]),
            "sets": {
                n: reverse("figure_svg", args=[fid])
                for n, fid in figures.SET_FIGURES.get(eid, {}).items()
            },
            "release": ex.cues.release,
            "summary": ex.summary,
        }
    return found
