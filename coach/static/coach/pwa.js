// The app on every page: how many entries wait to be sent, notes about any the server refused,
// the service worker (registered after the page has loaded) and its "new version" offer, forms
// that keep working offline, and the lock a "yes" in an offline safety check leaves.
import { dismiss, identify, identity, notes, pending, watch } from "./outbox.js";
import { say, words } from "./words.js";

const $ = (id) => document.getElementById(id);
const html = document.documentElement;
// Served by the service worker from what was saved, rather than fresh from the server.
export const fromCache = () => Boolean(html.dataset.offlineSavedAt);

async function showQueue() {
  const status = $("queue-status");
  if (!status) return;
  const n = await pending();
  status.hidden = n === 0;
  status.textContent = n ? say(n === 1 ? "queuedOne" : "queuedMany", { n }) : "";
  html.dataset.queued = String(n);
  const list = $("app-notes");
  if (!list) return;
  for (const old of list.querySelectorAll("[data-note]")) old.remove();
  for (const note of await notes()) list.append(noteItem(note));
}

function noteItem(note) {
  const box = document.createElement("div");
  box.className = "notice notice-danger";
  box.dataset.note = String(note.id);
  box.setAttribute("role", "alert");
  const p = document.createElement("p");
  const when = new Date(note.madeAt);
  const at = `${String(when.getHours()).padStart(2, "0")}:${String(when.getMinutes()).padStart(2, "0")}`;
  // Why, in this page's words when the outbox gave a reason of its own (note.why).
  const error = note.why && words()[note.why.name] ? say(note.why.name, note.why) : note.error;
  p.textContent = say("refused", { label: note.label, time: at, error });
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn";
  button.textContent = words().dismiss;
  button.addEventListener("click", async () => { await dismiss(note.id); showQueue(); });
  box.append(p, button);
  return box;
}

// --- the service worker ---
let reloading = false;

function playing() {
  const state = $("player")?.dataset.state;
  return state === "playing" || state === "paused";
}

// A new version waits: offer it, but never switch under a running session.
function offerUpdate(worker) {
  const offer = () => {
    if (playing() || $("sw-update")) return;
    const box = document.createElement("div");
    box.id = "sw-update";
    box.className = "notice";
    box.setAttribute("role", "status");
    const p = document.createElement("p");
    p.textContent = words().newVersion;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary";
    button.textContent = words().reload;
    button.addEventListener("click", () => {
      reloading = true;
      worker.postMessage({ type: "skip-waiting" });
    });
    box.append(p, button);
    $("app-notes")?.prepend(box);
  };
  offer();
  const player = $("player");
  if (player) new MutationObserver(offer).observe(player, { attributes: true, attributeFilter: ["data-state"] });
}

function watchForUpdates(reg) {
  if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
  reg.addEventListener("updatefound", () => {
    const worker = reg.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  });
}

async function register() {
  const sw = navigator.serviceWorker;
  const first = !sw.controller;
  sw.addEventListener("controllerchange", () => { if (reloading) location.reload(); });
  try {
    const reg = await sw.register("/sw.js", { type: "module", scope: "/" });
    watchForUpdates(reg);
    if (first) {
      // This page came before the worker: let it take charge now, and keep the page too.
      const ready = await sw.ready;
      ready.active?.postMessage({ type: "claim" });
      if (!fromCache()) ready.active?.postMessage({ type: "keep", url: location.href });
    }
  } catch {
    /* no service worker here (blocked, or not supported): the app still works online */
  }
}

// A "yes" in a safety check answered offline locks sessions on this phone (offline-check.js).
async function showLockIfAny() {
  const { owner } = await identity();
  if (localStorage.getItem(`sciatica.lock:${owner}`)) (await import("./offline-check.js")).showLock(owner);
}

// --- forms that work offline: data-outbox="what it is" ---
async function wireForms() {
  const forms = document.querySelectorAll("form[data-outbox]");
  if (forms.length) (await import("./offline-forms.js")).wire(forms, showQueue);
}

function start() {
  const owner = document.querySelector('meta[name="sciatica-owner"]')?.content;
  const csrf = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (owner && !fromCache()) identify({ owner, csrf: csrf ? decodeURIComponent(csrf[1]) : "" }).catch(() => {});
  watch(null, showQueue);
  showQueue();
  showLockIfAny();
  wireForms();
  if ("serviceWorker" in navigator) {
    if (document.readyState === "complete") register();
    else addEventListener("load", () => setTimeout(register, 0));
  }
}

start();
