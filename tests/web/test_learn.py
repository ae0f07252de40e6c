"""The ten tips at /learn/: readable by everyone, in order, with their links and the disclaimer."""

import re

import pytest
from django.utils.html import escape

from stretching import catalogue, tips
from stretching.screening import forbidden_phrases_in

from .factories import make_user

pytestmark = pytest.mark.django_db

SERIES = tips.default()
PAGES = ["/learn/"] + [f"/learn/{t.slug}/" for t in SERIES.tips]


def main_html(response) -> str:
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def test_the_list_shows_the_ten_titles_in_order_with_their_summaries(client):
    response = client.get("/learn/")
    assert response.status_code == 200
    html = main_html(response)
    positions = [html.index(escape(t.title)) for t in SERIES.tips]
    assert positions == sorted(positions)
    for t in SERIES.tips:
        assert f'href="/learn/{t.slug}/"' in html
        assert escape(t.summary) in html
        assert f"Tip {t.number} of 10" in html


def test_the_list_points_to_the_first_tip_and_the_urgent_care_tip(client):
    html = main_html(client.get("/learn/"))
    assert 'href="/learn/what-sciatica-is/">Start with tip 1</a>' in html
    assert (
        'href="/learn/when-to-seek-care-urgently/">tip 10: when to seek care urgently</a>' in html
    )


def test_a_tip_page_shows_its_lesson_try_today_and_the_related_stretches(client):
    response = client.get("/learn/sitting/")
    assert response.status_code == 200
    html = main_html(response)
    tip = SERIES.tip("sitting")
    assert f"<h1>{escape(tip.title)}</h1>" in html
    assert "Tip 3 of 10" in html
    for paragraph in tip.paragraphs:
        assert f"<p>{escape(paragraph)}</p>" in html
    assert html.index("Try today") < html.index(escape(tip.try_today))
    cat = catalogue.default()
    for eid in ("hip-flexor-chair-lunge", "chair-edge-hamstring", "seated-figure-four"):
        assert f'href="/exercises/{eid}/">{escape(cat.exercise(eid).name)}</a>' in html
        assert client.get(f"/exercises/{eid}/").status_code == 200


def test_a_tip_page_links_to_the_previous_and_next_tips(client):
    html = main_html(client.get("/learn/sitting/"))
    assert 'rel="prev" href="/learn/why-these-stretches/">Previous: Why these stretches</a>' in html
    assert 'rel="next" href="/learn/lifting/">Next: Lifting and carrying</a>' in html
    first = main_html(client.get("/learn/what-sciatica-is/"))
    last = main_html(client.get("/learn/when-to-seek-care-urgently/"))
    assert 'rel="prev"' not in first and 'rel="next" href="/learn/why-these-stretches/"' in first
    assert 'rel="next"' not in last and 'rel="prev" href="/learn/building-the-habit/"' in last


def test_the_urgent_care_tip_lists_every_emergency_sign_in_a_warning_box(client):
    html = main_html(client.get("/learn/when-to-seek-care-urgently/"))
    box = re.search(r'<section class="notice notice-danger".*?</section>', html, re.S).group(0)
    urgent = SERIES.urgent
    assert len(urgent.warning_signs) == 9
    for sign in urgent.warning_signs:
        assert f"<li>{escape(sign.text)}</li>" in box
    intro, after = urgent.paragraphs_before_signs[-1], urgent.paragraphs_after_signs[0]
    assert "seek emergency care now" in intro
    assert html.index(escape(intro)) < html.index(box) < html.index(escape(after))
    assert "Stretches that go with this tip" not in html  # no stretch is suggested here


def test_an_unknown_tip_is_a_404_that_suggests_the_close_one(client):
    response = client.get("/learn/siting/")
    assert response.status_code == 404
    assert "No tip called &#x27;siting&#x27;. Did you mean: sitting" in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_every_learn_page_carries_the_wellness_disclaimer_and_no_forbidden_words(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "not medical advice" in response.content.decode()
    text = re.sub(r"<[^>]+>", " ", main_html(response))
    assert forbidden_phrases_in(text) == ()


def test_the_tips_read_the_same_signed_in_and_the_navigation_links_to_them(client):
    anonymous = client.get("/learn/lifting/")
    client.force_login(make_user())
    signed_in = client.get("/learn/lifting/")
    assert signed_in.status_code == 200
    assert main_html(signed_in) == main_html(anonymous)
    nav = re.search(r'<nav aria-label="Main">.*?</nav>', client.get("/").content.decode(), re.S)
    assert '<a href="/learn/">Learn</a>' in nav.group(0)


def test_the_tip_pages_only_answer_reads(client):
    assert client.post("/learn/").status_code == 405
    assert client.post("/learn/sitting/").status_code == 405
