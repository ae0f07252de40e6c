"""Every template's `{% url %}` keeps the addresses it works out (coach/lib/url_tag.py), and
gives what Django's own tag gives: the same address, the same errors, and the address of the
place it is served from, whichever was asked first."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix, set_urlconf

from coach.lib.url_tag import KeptURLNode


def render(text: str, request=None, **context) -> str:
    return engines["django"].from_string(text).render(context, request)


@pytest.fixture(autouse=True)
def served_at_the_root():
    set_script_prefix("/")
    yield
    set_script_prefix("/")
    set_urlconf(None)


def test_it_is_the_url_tag_of_every_template():
    nodes = engines["django"].from_string("{% url 'home' %}").template.nodelist
    assert isinstance(nodes[0], KeptURLNode)


def test_addresses_are_django_s_with_and_without_arguments():
    text = "{% url 'home' %}|{% url 'player' rid %}|{% url 'plan_override' eid action %}"
    for rid in ("relief-sequence", "morning-routine"):
        assert render(text, rid=rid, eid="hamstring-band", action="reset") == "|".join(
            [
                reverse("home"),
                reverse("player", args=[rid]),
                reverse("plan_override", args=["hamstring-band", "reset"]),
            ]
        )


def test_as_a_variable_and_with_named_arguments():
    text = "{% url 'player' routine_id=rid as there %}<a href='{{ there }}'>"
    assert (
        render(text, rid="relief-sequence")
        == f"<a href='{reverse('player', args=['relief-sequence'])}'>"
    )


def test_an_unknown_name_fails_as_django_s_does_and_as_a_variable_is_empty():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")
    with pytest.raises(NoReverseMatch):
        render("{% url 'player' '' %}")  # an address that needs its routine
    assert render("{% url 'no-such-page' as there %}[{{ there }}]") == "[]"


def test_a_site_served_under_a_prefix_gets_prefixed_addresses_after_the_plain_ones():
    assert render("{% url 'diary:today' %}") == "/today/"
    set_script_prefix("/coach/")
    assert render("{% url 'diary:today' %}") == "/coach/today/"
    set_script_prefix("/")
    assert render("{% url 'diary:today' %}") == "/today/"


def test_arguments_that_are_not_plain_text_or_numbers_are_reversed_each_time():
    class Routine:
        def __init__(self, rid):
            self.rid = rid

        def __str__(self):
            return self.rid

    text = "{% url 'player' routine %}"
    assert render(text, routine=Routine("relief-sequence")) == reverse(
        "player", args=["relief-sequence"]
    )
    assert render(text, routine=Routine("morning-routine")) == reverse(
        "player", args=["morning-routine"]
    )
