"""The guided player for a Spanish browser: every word it shows and says is Spanish (read
from the page), the live region says it too, and the voice speaks Spanish, with a Spanish
voice when the device has one."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from coach.practice.models import PracticeSession
from stretching import i18n
from stretching.timeline import compile_timeline

from .conftest import SPEECH_STUB

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RELIEF = compile_timeline(i18n.catalogue("es"), "relief-sequence")
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
SUBMIT = "main form button[type=submit]:not([name=language])"
ENGLISH = {"the", "and", "your", "you", "it", "tap", "stopped", "done", "hold", "left", "saved"}

# On top of the stub: a device with an English and a Spanish voice, and each utterance's
# language and voice kept.
VOICES = """
window.__utterances = [];
const speak = window.speechSynthesis.speak;
window.speechSynthesis.speak = (u) => {
  window.__utterances.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
  speak(u);
};
window.speechSynthesis.getVoices = () => [
  { name: "Samantha", lang: "en-US", default: true },
  { name: "Mónica", lang: "es-ES", default: false },
];
"""


@pytest.fixture
def telefono(browser, browser_context_args, live_server):
    """A phone-sized page whose browser asks for Spanish, with speech recorded."""
    context = browser.new_context(**browser_context_args, locale="es")
    page = context.new_page()
    page.add_init_script(SPEECH_STUB)
    page.add_init_script(VOICES)
    page.base = live_server.url
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    context.close()
    assert not errors


def open_player(page, routine="relief-sequence"):
    page.goto(f"{page.base}/account/screen/")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    page.locator(SUBMIT).click()
    page.wait_for_load_state()
    page.clock.install(time=T0)
    page.goto(f"{page.base}/routines/{routine}/play/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.clock.pause_at(T0 + timedelta(seconds=5))
    page.get_by_role("button", name="Empezar").click()
    expect(page.locator("#stage")).to_be_visible()


def seconds(page, s):
    page.clock.run_for(int(s * 1000))


def spoken(page) -> list[str]:
    return page.evaluate("window.__spoken")


def no_english(text: str) -> bool:
    return not {w.strip(".,:;()¿?¡!").lower() for w in text.split()} & ENGLISH


def test_the_player_shows_and_says_its_steps_in_spanish(telefono):
    page = telefono
    open_player(page)
    expect(page.locator("#ex-name")).to_have_text("Contracción de glúteos de pie")
    expect(page.locator("#phase")).to_have_text("prepárate")
    expect(page.locator("#overall-text")).to_contain_text("quedan")
    expect(page.locator("#next-name")).to_have_text("Apretar una almohada con las piernas en alto")
    expect(page.locator("#voice")).to_have_text("Voz: sí")
    expect(page.locator("#tones")).to_have_text("Pitidos: sí")
    alt = page.locator("#figure").get_attribute("alt")
    assert alt.startswith("Dibujo de Contracción de glúteos de pie: "), alt
    first = spoken(page)[0]
    assert first == RELIEF.steps[0].say and no_english(first), first
    expect(page.locator("#live")).to_have_text(first)

    seconds(page, 12)  # into the first set: squeeze and release
    expect(page.locator("#count")).to_have_text("1/8")
    expect(page.locator("#phase")).to_have_text("aprieta")
    seconds(page, 4)
    expect(page.locator("#phase")).to_have_text("suelta")
    assert "Suelta" in spoken(page)

    page.get_by_role("button", name="Pausa").click()
    expect(page.locator("#phase")).to_have_text("en pausa")
    expect(page.locator("#live")).to_have_text("En pausa")
    page.get_by_role("button", name="Seguir").click()
    expect(page.locator("#live")).to_have_text("Seguimos")

    for index in range(2, 5):  # the rest, the second set, getting ready for the pillow squeeze
        page.get_by_role("button", name="Siguiente").click()
        expect(page.locator("#player")).to_have_attribute("data-index", str(index))
    page.get_by_role("button", name="Ya estoy en posición").click()
    expect(page.locator("#player")).to_have_attribute("data-step", "reps")
    expect(page.locator("#ex-name")).to_have_text("Apretar una almohada con las piernas en alto")
    page.get_by_role("button", name="Me duele").click()  # stopped: on to the knee twist
    expect(page.locator("#ex-name")).to_have_text("Giro sentado con la rodilla sobre la cama")
    said = [s for s in spoken(page) if "Queda anotado que dolía" in s]
    assert said and said[0].endswith("Pasamos al siguiente."), spoken(page)

    page.get_by_role("button", name="Parar").click()
    expect(page.locator("#stop")).to_have_text("Toca otra vez para parar")
    expect(page.locator("#live")).to_contain_text("Toca Parar otra vez")
    page.locator("#stop").click()
    expect(page.locator("#summary-h")).to_have_text("Terminada antes de tiempo")
    expect(page.locator("#summary-note")).to_have_text(
        "Terminaste la sesión; lo que hiciste queda guardado."
    )
    expect(page.locator(".outcome-hurt")).to_contain_text(
        "Apretar una almohada con las piernas en alto: detenido: dolía"
    )
    expect(page.locator("#save-status")).to_have_text(
        "Guardada durante esta visita. Crea una cuenta para conservarla en tu historial."
    )
    expect(page.locator("#after-link")).to_have_text("Crea una cuenta para conservarla")
    expect(page.locator("#overall-text")).to_contain_text("de práctica")
    assert PracticeSession.objects.get().outcomes.filter(outcome="hurt").count() == 1

    utterances = page.evaluate("window.__utterances")
    assert utterances and all(u["lang"] == "es" for u in utterances)
    assert all(u["voice"] == "Mónica" for u in utterances)
    for text in spoken(page):
        assert no_english(text), text
    shown = page.locator("#player").inner_text()
    assert no_english(shown), shown


def test_the_english_player_speaks_english(phone):
    """The same player for an English browser: English words, an English utterance."""
    from .conftest import answer_screen_all_no

    phone.add_init_script(VOICES)
    answer_screen_all_no(phone)
    phone.clock.install(time=T0)
    phone.goto(f"{phone.base}/routines/hip-flexor/play/")
    phone.clock.pause_at(T0 + timedelta(seconds=5))
    phone.get_by_role("button", name="Start").click()
    expect(phone.locator("#phase")).to_have_text("get ready")
    expect(phone.locator("#voice")).to_have_text("Voice on")
    phone.get_by_role("button", name="End").click()
    expect(phone.locator("#stop")).to_have_text("Tap again to end")
    utterances = phone.evaluate("window.__utterances")
    assert utterances and all(u["lang"] == "en" for u in utterances)
    assert all(u["voice"] == "Samantha" for u in utterances)


OVERFLOWING_JS = """() => [...document.querySelectorAll('#player button')]
  .filter((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1)
  .map((b) => b.textContent.trim())"""


@pytest.mark.parametrize("size", [(320, 568), (390, 844)], ids=["320x568", "390x844"])
def test_the_spanish_player_fits_the_screen_with_its_longer_words(telefono, size):
    """Spanish words are longer: at the smallest phone every step still fits one screen, and
    no button's word runs past its edge."""
    from .test_player_layout import problems_at_every_step

    page = telefono
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{page.base}/account/screen/")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    page.locator(SUBMIT).click()
    page.wait_for_load_state()
    page.clock.install(time=T0)
    page.goto(f"{page.base}/routines/relief-sequence/play/")
    page.clock.pause_at(T0 + timedelta(seconds=1))
    page.get_by_role("button", name="Empezar").click()
    expect(page.locator("#stage")).to_be_visible()
    assert page.evaluate(OVERFLOWING_JS) == []
    assert problems_at_every_step(page, "relief-sequence") == []
    page.get_by_role("button", name="Parar").click()  # the longer "tap again" label
    assert page.evaluate(OVERFLOWING_JS) == []
