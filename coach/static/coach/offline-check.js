// The quick safety check before a session started offline. Online, the server's gate asked it
// before the player page was served; offline (or from a saved page) this phone asks the same
// questions, with the server's own words in the page's language (/offline/quick-check.json?lang=es,
// one for each language, kept by the service worker; the rest are the page's words, words.js).
// A "yes" shows what to do at once, locks sessions on this phone, and is sent with the queue;
// the lock holds until the server has the answer and serves the player again.
import { identity, queued, send } from "./outbox.js";
import { words } from "./words.js";

const CHECK_DATA = "/offline/quick-check.json";
// The check in this page's language ("es" for lang="es-MX"; an unknown one is answered in English).
const checkData = () => {
  const lang = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
  return `${CHECK_DATA}?lang=${encodeURIComponent(lang)}`;
};
const lockKey = (owner) => `sciatica.lock:${owner}`;
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function lockOf(owner) {
  try {
    return JSON.parse(localStorage.getItem(lockKey(owner)));
  } catch {
    return null;
  }
}

function lockNotice(lock) {
  const box = el(
    "div",
    { id: "safety-lock", className: "notice notice-danger" },
    el("h2", { textContent: lock.headline }),
    el("p", { textContent: lock.message }),
    el("p", { textContent: words().lockedUntilOnline }),
  );
  box.setAttribute("role", "alert");
  return box;
}

export function showLock(owner) {
  const lock = lockOf(owner);
  if (!lock || $("safety-lock")) return;
  const where = $("app-notes") || document.querySelector("main");
  where?.prepend(lockNotice(lock));
}

// Online, with the "yes" delivered: does the server serve this player now (its gate says yes)?
async function serverAllows(lock) {
  if (!navigator.onLine || (lock.key && (await queued(lock.key)))) return false;
  try {
    const r = await fetch(location.href, { redirect: "manual", credentials: "same-origin", cache: "no-store" });
    return r.ok && r.type !== "opaqueredirect";
  } catch {
    return false;
  }
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

// The most serious outcome of what was ticked (each question's own, as the server gave it).
function outcomeOf(check, ticked) {
  const outcomes = ticked.map((id) => check.questions.find((q) => q.id === id)?.outcome || "emergency");
  return outcomes.includes("emergency") ? "emergency" : "see-clinician";
}

function form(check) {
  const boxes = check.questions.map((q) => {
    const input = el("input", { type: "checkbox", name: "ticked", value: q.id });
    return el("label", { className: "choice" }, input, ` ${q.text}`);
  });
  const none = el("button", { type: "button", className: "btn btn-primary btn-big", textContent: words().noneOfThese });
  const some = el("button", { type: "button", className: "btn btn-danger", textContent: words().tickedSome });
  const section = el(
    "section",
    { id: "offline-check", className: "start-panel recheck" },
    el("h1", { textContent: check.title }),
    el("p", { className: "help", textContent: words().checkOffline }),
    none,
    el("fieldset", {}, el("legend", { textContent: words().tickAny }), ...boxes),
    el("div", { className: "actions" }, some),
  );
  return { section, none, some };
}

function showLocked(section, lock, ticked, check) {
  const reasons = ticked.map((id) => el("li", { textContent: check.questions.find((q) => q.id === id)?.text || id }));
  section.replaceChildren(
    lockNotice(lock),
    el("h2", { textContent: words().whatYouTicked }),
    el("ul", { className: "reasons" }, ...reasons),
    el("p", { textContent: words().noSessionToday }),
  );
  section.querySelector("#safety-lock").id = "safety-lock-here";
}

async function ask(owner) {
  let check;
  try {
    check = await (await fetch(checkData(), { credentials: "same-origin" })).json();
  } catch {
    showMissing();
    return false;
  }
  const { section, none, some } = form(check);
  const panel = $("start-panel");
  panel.hidden = true;
  panel.after(section);
  section.querySelector("h1").setAttribute("tabindex", "-1");
  section.querySelector("h1").focus();
  const answer = await new Promise((resolve) => {
    const done = () => resolve([...section.querySelectorAll("input:checked")].map((i) => i.value));
    none.addEventListener("click", done);
    some.addEventListener("click", done);
  });
  const key = newKey();
  const body = new URLSearchParams([...answer.map((id) => ["ticked", id]), [answer.length ? "some" : "none", "1"]]);
  send({ url: check.url, key, type: "form", kind: "recheck", label: words().checkLabel, body: body.toString() });
  if (!answer.length) {
    section.remove();
    return true;
  }
  const status = outcomeOf(check, answer);
  const lock = { status, ...check.outcomes[status], key, at: new Date().toISOString() };
  localStorage.setItem(lockKey(owner), JSON.stringify(lock));
  showLocked(section, lock, answer, check);
  return false;
}

function showMissing() {
  $("start-panel").prepend(
    el("p", {
      className: "notice notice-warn",
      textContent: words().checkMissing,
    }),
  );
}

// May the session start now? Resolves true to start, false to stay on this screen.
export async function mayStart() {
  const { owner } = await identity();
  const lock = lockOf(owner);
  if (lock) {
    if (!(await serverAllows(lock))) {
      showLock(owner);
      $("safety-lock")?.scrollIntoView();
      return false;
    }
    localStorage.removeItem(lockKey(owner));
    $("safety-lock")?.remove();
  }
  const fresh = !document.documentElement.dataset.offlineSavedAt && navigator.onLine;
  return fresh ? true : ask(owner);
}
