"""Usable without sight and at double text size: the player's accessibility tree names every
control and announces each new step once (politely, not the timer every second), and the pages
reflow at 320 px wide with text at 200% without sideways scrolling or clipped words."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.web.factories import make_checkin, make_user

from .conftest import SCREENSHOTS, screenshot
from .test_player import RELIEF, open_player, seconds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unnamed_controls(snapshot: str) -> list[str]:
    """Lines of an aria snapshot that are a button, link or control without a name."""
    roles = r"(button|link|checkbox|radio|textbox|combobox|slider|spinbutton|switch)"
    return [
        line.strip()
        for line in snapshot.splitlines()
        if re.match(rf"^\s*- {roles}(\s*\[[^\]]*\])?\s*(:.*)?$", line)
    ]


def test_the_players_tree_names_every_control_and_announces_each_new_step(phone):
    open_player(phone)
    tree = phone.locator("#player").aria_snapshot()
    assert 'toolbar "Session controls"' in tree
    for name in ("Back", "Pause", "I'm in position", "End", "This hurts"):  # getting ready
        assert f'button "{name}"' in tree, tree
    assert _unnamed_controls(tree) == [], tree

    live = phone.locator("#live")
    assert live.get_attribute("aria-live") == "polite"
    # The changing count and the bars are not read out: no live region around them.
    for part in ("#count", "#phase", "#step-bar", "#overall-bar"):
        assert (
            phone.locator(part).evaluate(
                "(el) => Boolean(el.closest('[aria-live]:not([aria-live=off]), [role=timer]'))"
            )
            is False
        )

    first = RELIEF.steps[0]
    expect(live).to_have_text(first.say)  # said once as the step begins
    seconds(phone, 3)  # seconds tick inside one step: nothing more is announced
    expect(live).to_have_text(first.say)
    assert "get ready" not in live.text_content()

    upcoming = next(s for s in RELIEF.steps if s.exercise_id != first.exercise_id)
    seconds(phone, upcoming.start - 3 + 0.5)
    expect(live).to_have_text(upcoming.say)
    tree = phone.locator("#player").aria_snapshot()
    assert f'heading "{upcoming.exercise_name}"' in tree, tree
    assert _unnamed_controls(tree) == [], tree


# --- reflow: 320 px wide, text at 200% ---

VISITOR_PAGES = [
    "/",
    "/routines/relief-sequence/",
    "/exercises/bedside-seated-hamstring/",
    "/learn/",
    "/account/sign-up/",
    "/account/sign-in/",
    "/account/screen/",
]
PERSON_PAGES = [
    "/today/",
    "/checkin/",
    "/history/?days=30",
    "/account/settings/",
    "/account/delete/",
    "/reminders/",
]


def double_text(page) -> None:
    """The browser's own text size setting at 200% (16 px default text becomes 32 px), as a
    person who reads large sets it; the page's CSS is left as it is."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})


# What does not fit: the page scrolling sideways; anything visible reaching past the screen's
# edges or clipped by its box; words drawn over other words or controls; and a word of up to
# ten letters or digits broken across two lines ("Empeza-r" on a button, "1-0" on the pain
# scale).
OVERFLOW = """(width) => {
  const classes = (el) => typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes(el);
  const shown = (el) => {
    if (el.closest('.sr-only, .skip, [hidden], [aria-hidden=true], svg, noscript')) return false;
    const closed = el.closest('details:not([open])');
    if (closed && !el.closest('summary')) return false;  // folded away until opened
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const leaves = [...document.querySelectorAll('body *')].filter((el) =>
    shown(el) && (ownText(el) || el.matches('button, input, select, textarea, img, a')));
  const outside = [], clipped = [], overlapping = [];
  const mark = (el) => { if (!window.__misfit) window.__misfit = el; };
  for (const el of leaves) {
    const r = el.getBoundingClientRect();
    const scrolls = (x) => x && x !== document.body && x !== document.documentElement &&
      ['auto', 'scroll'].includes(getComputedStyle(x).overflowX);
    let box = el.parentElement;
    while (box && !scrolls(box)) box = box.parentElement;
    const edge = box ? box.getBoundingClientRect() : null;  // a wide table scrolls in its box
    if (edge ? edge.left < -1 || edge.right > width + 1 : r.left < -1 || r.right > width + 1) {
      outside.push(name(el)); mark(el);
    }
    const style = getComputedStyle(el);
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 &&
        !el.matches('input, textarea, select'))  // a field's own text scrolls inside it
      { clipped.push(name(el)); mark(el); }
  }
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i], b = leaves[j];
      if (a.contains(b) || b.contains(a)) continue;
      // line by line: a wrapped inline element's outer box covers lines it does not use
      const over = [...a.getClientRects()].some((p) => [...b.getClientRects()].some((q) =>
        Math.min(p.right, q.right) - Math.max(p.left, q.left) > 2 &&
        Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 2));
      if (over) { overlapping.push(name(a) + ' / ' + name(b)); mark(a); }
    }
  }
  // a short word cut in two at the end of a line (a long one may have to be, or hyphenated)
  const broken = [];
  for (const el of leaves) {
    for (const node of el.childNodes) {
      if (node.nodeType !== 3) continue;
      for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        if (m[0].length > SHORT_WORD) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map((q) => Math.round(q.top)));
        if (lines.size > 1) { broken.push(m[0] + ' in ' + name(el)); mark(el); }
      }
    }
  }
  const page = document.scrollingElement;
  return { pageWider: page.scrollWidth - page.clientWidth, outside, clipped, overlapping, broken };
}""".replace("SHORT_WORD", "10")

WIDTH = 320
FITS = {"pageWider": 0, "outside": [], "clipped": [], "overlapping": [], "broken": []}


def _at_320_with_double_text(page, path: str, name: str, lang: str = "en") -> dict:
    """The page in `lang` (Spanish runs longer), 320 px wide, with the text at 200%."""
    page.set_viewport_size({"width": WIDTH, "height": 640})
    double_text(page)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": page.base}]
    )
    page.goto(page.base + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert "/sign-in/" not in page.url or path.startswith("/account/sign-in")
    assert page.evaluate("getComputedStyle(document.body).fontSize") in ("32px", "36px")
    return _measured(page, f"reflow-320-200pc-{name}")


def _measured(page, name: str) -> dict:
    """What does not fit, with a screenshot of the whole page and, when something does not
    fit, one of the screen around the first such thing."""
    found = page.evaluate(OVERFLOW, WIDTH)
    screenshot(page, name)
    if found != FITS:
        page.evaluate("window.__misfit.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-misfit.png"))
    return found


def _misfits(page, paths: list[str], lang: str) -> dict[str, dict]:
    """Each page that does not fit, with what does not (one browser page walks them all)."""
    found = {}
    for path in paths:
        name = (path.strip("/").replace("/", "-").split("?")[0] or "home") + f"-{lang}"
        if (measured := _at_320_with_double_text(page, path, name, lang)) != FITS:
            found[path] = measured
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_visitors_page_reflows_at_320_px_with_text_at_200_percent(phone, lang):
    assert _misfits(phone, VISITOR_PAGES, lang) == {}


@pytest.fixture
def person(phone, context):
    user = make_user()
    make_checkin(user)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": phone.base,
            }
        ]
    )
    return phone


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_persons_page_reflows_at_320_px_with_text_at_200_percent(person, lang):
    assert _misfits(person, PERSON_PAGES, lang) == {}


def test_the_player_mid_hold_reflows_at_320_px_with_text_at_200_percent(phone):
    phone.set_viewport_size({"width": WIDTH, "height": 640})
    double_text(phone)
    open_player(phone)
    hold = next(s for s in RELIEF.steps if s.kind == "hold")
    seconds(phone, hold.start + 2)
    expect(phone.locator("#phase")).to_have_text("hold")
    assert _measured(phone, "reflow-320-200pc-player") == FITS
    for control in ("#hurts", "#pause", "#stop"):  # reachable, however large the text
        phone.locator(control).scroll_into_view_if_needed()
        expect(phone.locator(control)).to_be_in_viewport()
    phone.locator("#hurts").click()
    assert any(text.startswith("Stopped") for text in phone.evaluate("window.__spoken"))
