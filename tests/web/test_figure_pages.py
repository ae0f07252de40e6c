"""The drawings as the pages serve them: one per exercise, cached, and the review sheet."""

import xml.etree.ElementTree as ET

import pytest

from stretching import catalogue

CAT = catalogue.default()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("eid", sorted(CAT.exercises))
def test_every_exercise_has_its_drawing_with_its_name_as_title(client, eid):
    response = client.get(f"/figures/{eid}.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.find(f"{SVG}title").text == CAT.exercise(eid).name
    assert "max-age=86400" in response["Cache-Control"]


def test_a_drawing_is_not_sent_again_when_the_browser_has_it(client):
    first = client.get("/figures/cat-pose.svg")
    again = client.get("/figures/cat-pose.svg", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_contact_sheet_shows_every_keyframe_of_every_exercise(client):
    text = client.get("/figures/").content.decode()
    for eid in CAT.exercises:
        assert f'src="/figures/{eid}/0.svg"' in text and f'src="/figures/{eid}/1.svg"' in text
    assert text.count('src="/figures/cat-pose/') == 3


def test_an_unknown_drawing_suggests_the_close_one(client):
    response = client.get("/figures/cat-pos.svg")
    assert response.status_code == 404 and "cat-pose" in response.content.decode()


def test_the_glute_squeeze_toes_out_set_has_its_own_drawing(client):
    response = client.get("/figures/standing-glute-squeeze--toes-out.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    title = ET.fromstring(response.content).find(f"{SVG}title").text
    assert title == "Standing buttock squeeze: toes turned out"
    still = client.get("/figures/standing-glute-squeeze--toes-out/1.svg")
    assert still.status_code == 200 and b"@keyframes" not in still.content


def test_a_set_drawing_that_does_not_exist_is_not_found(client):
    assert client.get("/figures/standing-glute-squeeze--toes-in.svg").status_code == 404
    assert client.get("/figures/cat-pose--toes-out.svg").status_code == 404
    assert client.get("/figures/standing-glute-squeeze--toes-out/5.svg").status_code == 404


def test_the_contact_sheet_shows_the_toes_out_set(client):
    text = client.get("/figures/").content.decode()
    assert 'src="/figures/standing-glute-squeeze--toes-out/0.svg"' in text
    assert "Standing buttock squeeze: toes turned out" in text
