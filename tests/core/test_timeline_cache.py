"""Compiling a routine with no adjustments hands out the same timeline again (the home and
routine pages compile every routine on every request); adjusted ones are compiled afresh."""

from stretching import catalogue
from stretching.timeline import Adjustments, compile_timeline


def test_a_routine_without_adjustments_is_compiled_once_per_catalogue():
    cat = catalogue.default()
    first = compile_timeline(cat, "relief-sequence")
    assert compile_timeline(cat, cat.routine("relief-sequence")) is first
    assert compile_timeline(cat, "relief-sequence", Adjustments()) is first
    other = catalogue.load()
    again = compile_timeline(other, "relief-sequence")
    assert again is not first and again == first  # another catalogue: its own, equal timeline


def test_adjusted_timelines_are_compiled_for_each_plan():
    cat = catalogue.default()
    plain = compile_timeline(cat, "relief-sequence")
    twist = "bedside-knee-twist"
    skipped = compile_timeline(cat, "relief-sequence", Adjustments(skip=frozenset({twist})))
    assert twist in plain.exercise_ids and twist not in skipped.exercise_ids
    assert compile_timeline(cat, "relief-sequence") is plain  # the plain one is unchanged
