"""True to the pages: a number is labelled as the page's only where a page gives it, and where
the project departs from a page it says so and why."""

from stretching import catalogue

CAT = catalogue.default()

# The only repetition counts the pages give (/work/shared/catalogue-facts.md): page 000's three
# hip flexor holds a side, page 001's three holds a leg. Every other page gives a hold and no
# count ("hold 1 minute", "hold 30 s, then the other leg"); one repetition is then ours.
PAGE_REPETITIONS = {"hip-flexor-chair-lunge": 3, "bedside-seated-hamstring": 3}


def test_a_repetition_count_is_the_pages_only_where_a_page_gives_one():
    for e in CAT.exercises.values():
        origin = e.dose.origin.get("repetitions")
        if e.id in PAGE_REPETITIONS:
            assert (origin, e.dose.repetitions) == ("page", PAGE_REPETITIONS[e.id]), e.id
        else:
            assert origin in (None, "project"), e.id


def test_the_butterflys_one_minute_is_the_pages_and_its_single_hold_ours():
    dose = CAT.exercise("supine-butterfly").dose
    assert (dose.hold_seconds, dose.origin["hold_seconds"]) == (60, "page")
    assert (dose.repetitions, dose.origin["repetitions"]) == (1, "project")


def test_the_morning_stretch_says_page_001_locks_the_knee_and_why_we_suggest_a_bend():
    e = CAT.exercise("bedside-seated-hamstring")
    why = e.cautions[0]
    assert "Page 001" in why and "locked" in why and "Our own advice" in why
    assert "slight bend" in why and "because" in why


def test_the_resting_position_is_timed_by_the_thigh_test_with_a_generous_cap():
    rest = CAT.exercise("supine-leg-on-chair-rest").open_ended
    assert rest is not None
    assert rest.check_every_seconds == 3 * 60  # page 004
    assert rest.max_seconds == 30 * 60  # a safety cap, far past the page's ten minutes
