"""Handouts: any routine as a PDF on A4 or US Letter, under 300 KB, whose text (read back with
pypdf) holds every exercise name, dose and the safety wording, whose drawings are vectors (no
raster image anywhere), and whose QR code, read from the rendered page (pypdfium2 draws it,
zxing-cpp decodes it), opens the routine's page."""

import io

import pypdf
import pypdfium2
import pytest
import zxingcpp

from coach.clinic.handout import SAFETY, latin
from stretching import catalogue

from .clinic_factories import ROUTINE, assign, make_clinician, make_share
from .factories import make_user

pytestmark = pytest.mark.django_db
POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MAX_BYTES = 300 * 1024


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    return words(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages))


def qr_text(body: bytes) -> str:
    page = pypdfium2.PdfDocument(body)[0]
    image = page.render(scale=3).to_pil().convert("L")
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"{len(found)} codes on the first page"
    return found[0].text


def raster_images(body: bytes) -> int:
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(body)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("routine_id", sorted(catalogue.default().routines))
def test_a_built_in_routines_handout(client, routine_id, paper):
    response = client.get(f"/routines/{routine_id}/handout.pdf", {"paper": paper})
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert len(body) < MAX_BYTES
    reader = pypdf.PdfReader(io.BytesIO(body))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == POINTS[paper]
    text = pdf_text(body)
    cat = catalogue.default()
    routine = cat.routine(routine_id)
    assert words(latin(routine.name)) in text
    for ex in cat.routine_exercises(routine):
        assert words(latin(ex.name)) in text
        assert ex.dose.describe() in text
    for sentence in SAFETY:
        assert words(sentence) in text
    assert raster_images(body) == 0
    assert qr_text(body) == f"http://testserver/routines/{routine_id}/"


def test_a_custom_routines_handout_has_the_clinicians_doses_and_notes(client):
    person = make_user("pat@example.org")
    row = assign(make_share(person, make_clinician("sam@clinic.example")))
    client.force_login(person)
    body = client.get(f"/my-routines/{row.routine_id}/handout.pdf", {"paper": "letter"}).content
    text = pdf_text(body)
    assert "Morning set" in text and "2 times a day" in text
    assert "2 x 25 s per side" in text  # the clinician's piriformis dose
    assert "Your clinician's note: Slowly, breathe out" in text
    assert "From sam@clinic.example, Riverside Physio" in text
    for item in ROUTINE["exercises"]:
        assert words(catalogue.default().exercise(item["exercise_id"]).name) in text
    assert qr_text(body) == f"http://testserver/my-routines/{row.routine_id}/"
    assert len(body) < MAX_BYTES


def test_an_unknown_routine_has_no_handout(client):
    assert client.get("/routines/nope/handout.pdf").status_code == 404


def test_a_persons_handout_is_theirs_alone(client):
    row = assign(make_share(make_user("pat@example.org"), make_clinician("sam@clinic.example")))
    client.force_login(make_user("other@example.org"))
    assert client.get(f"/my-routines/{row.routine_id}/handout.pdf").status_code == 404
    client.logout()
    response = client.get(f"/my-routines/{row.routine_id}/handout.pdf")
    assert response["Location"].startswith("/account/sign-in/")
