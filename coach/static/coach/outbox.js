// What waits to reach the server: session results, check-ins, quick safety checks and plan
// changes, kept in IndexedDB (so they survive closing the tab or the browser) until the server
// has them. Each carries its idempotency key, so sending one twice still records it once, and
// whose it is, so it is only ever sent while that person is signed in.
// Runs in the pages and in the service worker (Background Sync): no window or document below
// unless a page is there; the words it writes are the page's (words.js), and a reason a note
// gives is kept by name too (note.why), so the page that shows it says it in its own language.
import { say } from "./words.js";

const DB_NAME = "sciatica-coach";
const STORES = ["outbox", "receipts", "notes", "meta"];
const LOCK = "sciatica-outbox";
const SYNC_TAG = "sciatica-outbox";
const RETRY_FIRST_MS = 5000;
const RETRY_CAP_MS = 10 * 60 * 1000; // never wait longer than this between two tries
const SERVER_ERROR_TRIES = 20; // then the item is dropped with a note, not retried forever
const RECEIPTS_KEPT = 100;
const RECONNECT_MS = 30 * 1000;
const RECONNECT_RETRY_MS = 2000;
const inPage = typeof document !== "undefined";

// --- IndexedDB, as promises ---
let opening = null;
function db() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore("outbox", { keyPath: "key" });
      d.createObjectStore("receipts", { keyPath: "key" });
      d.createObjectStore("notes", { keyPath: "id", autoIncrement: true });
      d.createObjectStore("meta", { keyPath: "name" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { opening = null; reject(req.error); };
  });
  return opening;
}

// Run fn(stores) in one transaction; resolves with what fn's last request gave, once committed.
async function tx(names, mode, fn) {
  const t = (await db()).transaction(names, mode);
  const stores = Object.fromEntries(names.map((n) => [n, t.objectStore(n)]));
  let result;
  const track = (req) => { req.onsuccess = () => { result = req.result; }; return req; };
  fn(stores, track);
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve(result);
    t.onerror = t.onabort = () => reject(t.error);
  });
}

const all = (store) => tx([store], "readonly", (s, track) => track(s[store].getAll()));
const one = (store, key) => tx([store], "readonly", (s, track) => track(s[store].get(key)));
const remove = (store, key) => tx([store], "readwrite", (s) => s[store].delete(key));

// --- who is signed in: the page says (its owner meta and CSRF cookie); the worker reads what
// the last page said ---
function pageIdentity() {
  const owner = document.querySelector('meta[name="sciatica-owner"]')?.content || "";
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return { owner, csrf: match ? decodeURIComponent(match[1]) : "" };
}

export async function identity() {
  const here = inPage ? pageIdentity() : { owner: "", csrf: "" };
  if (here.owner) return here;
  const saved = (await one("meta", "identity").catch(() => null)) || {};
  return { owner: saved.owner || "", csrf: here.csrf || saved.csrf || "" };
}

// A page served fresh by the server records who is signed in, for the worker to send as.
export async function identify({ owner, csrf }) {
  await tx(["meta"], "readwrite", (s) => s.meta.put({ name: "identity", owner, csrf, at: Date.now() }));
}

// --- the queue ---
function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

async function prepare(item) {
  const who = await identity();
  return {
    key: item.key || newKey(),
    url: item.url,
    body: item.body,
    type: item.type || "json",
    kind: item.kind || "session",
    label: item.label || say("sessionLabel"),
    owner: item.owner ?? who.owner,
    madeAt: item.madeAt || new Date().toISOString(),
    attempts: 0,
    serverErrors: 0,
    nextAt: 0,
  };
}

// Put an item at the end of the queue (or leave it where it is, if it is already there).
function enqueue(entry) {
  return tx(["outbox"], "readwrite", (s) => {
    const req = s.outbox.getAll();
    req.onsuccess = () => {
      if (req.result.some((i) => i.key === entry.key)) return;
      const seq = Math.max(0, ...req.result.map((i) => i.seq || 0)) + 1;
      s.outbox.put({ ...entry, seq });
    };
  });
}

async function mine() {
  const { owner } = await identity();
  const items = await all("outbox").catch(() => []);
  return items.filter((i) => i.owner === owner).sort((a, b) => a.seq - b.seq);
}

export async function pending() {
  return (await mine()).length;
}

// The notes about items the server refused, for the person they belong to.
export async function notes() {
  const { owner } = await identity();
  return (await all("notes").catch(() => [])).filter((n) => n.owner === owner);
}

export const dismiss = (id) => remove("notes", id);

// Whether an item still waits in the queue.
export const queued = async (key) => Boolean(await one("outbox", key).catch(() => null));

// What happened to an item that has left the queue: {key, at, status, data}, or undefined.
export const receipt = (key) => one("receipts", key).catch(() => undefined);

// --- one delivery ---
function request(entry, who, keepalive) {
  const json = entry.type === "json";
  return fetch(entry.url, {
    method: "POST",
    credentials: "same-origin",
    redirect: "manual",
    keepalive: Boolean(keepalive),
    headers: {
      "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded",
      Accept: "application/json",
      "Idempotency-Key": entry.key,
      "X-Queued-For": entry.owner,
      "X-Made-At": entry.madeAt,
      "X-CSRFToken": who.csrf,
    },
    body: json ? JSON.stringify(entry.body) : entry.body,
  });
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// What an answer means for the item: "saved", "retry", "not-ours" (kept for its owner) or
// "rejected" (bad data: dropped, with the server's reason).
async function classify(response) {
  if (response.type === "opaqueredirect") return { kind: "retry" }; // signed out meanwhile
  const data = await readJson(response);
  if (response.ok) return { kind: "saved", data: data || {} };
  const s = response.status;
  if (s === 409 && data?.owner === "mismatch") return { kind: "not-ours" };
  if (s >= 500 || s === 408 || s === 425 || s === 429) return { kind: "retry", server: s >= 500 };
  if (s === 403 && data === null) return { kind: "retry" }; // CSRF token out of date: a page renews it
  // `message`: the reason in the person's words and language; `error`: the exact one
  if (data?.error) return { kind: "rejected", error: data.message || data.error };
  const why = { name: "serverAnswered", status: s };
  return { kind: "rejected", error: say(why.name, why), why };
}

async function deliver(entry, keepalive = false) {
  const who = await identity();
  try {
    return await classify(await request(entry, who, keepalive));
  } catch {
    return { kind: "retry", network: true };
  }
}

async function settle(entry, result, { fromQueue = false } = {}) {
  if (result.kind === "saved" || result.kind === "rejected") {
    const status = result.kind === "saved" ? "saved" : "rejected";
    const data = status === "saved" ? result.data : { error: result.error };
    await tx(["outbox", "receipts", "notes"], "readwrite", (s) => {
      s.outbox.delete(entry.key);
      s.receipts.put({ key: entry.key, kind: entry.kind, at: Date.now(), status, data });
      if (status === "rejected" && fromQueue) {
        s.notes.put({ owner: entry.owner, label: entry.label, madeAt: entry.madeAt, error: result.error, why: result.why });
      }
    });
    prune();
    return { status, data };
  }
  if (result.kind === "retry" && result.server) entry.serverErrors += 1;
  if (entry.serverErrors >= SERVER_ERROR_TRIES) {
    const why = { name: "serverGaveUp", tries: SERVER_ERROR_TRIES };
    return settle(entry, { kind: "rejected", error: say(why.name, why), why }, { fromQueue: true });
  }
  if (result.network && globalThis.navigator?.onLine === false) {
    entry.nextAt = 0; // known to be offline: tried again as soon as the connection returns
  } else {
    entry.attempts += 1;
    const wait = Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** (entry.attempts - 1));
    entry.nextAt = Date.now() + wait * (0.8 + Math.random() * 0.4);
  }
  await tx(["outbox"], "readwrite", (s) => {
    const req = s.outbox.get(entry.key);
    req.onsuccess = () => { if (req.result) s.outbox.put({ ...req.result, ...entry, seq: req.result.seq }); };
  });
  return { status: "queued" };
}

async function prune() {
  const receipts = (await all("receipts").catch(() => [])).sort((a, b) => b.at - a.at);
  for (const old of receipts.slice(RECEIPTS_KEPT)) await remove("receipts", old.key);
}

// One sender at a time across tabs and the worker, so an item is not posted twice at once.
function exclusive(fn) {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(LOCK, fn) : fn();
}

async function askForSync() {
  try {
    const reg = inPage ? await navigator.serviceWorker?.getRegistration() : self.registration;
    await reg?.sync?.register(SYNC_TAG);
  } catch { /* no Background Sync here: the pages send on load and when back online */ }
}

const listeners = new Set();
function changed() {
  for (const fn of listeners) fn();
}

// Send one item now, keeping it until the server has it. Resolves to
// {status: "saved" | "queued" | "rejected", data}. `item.keepalive` is for sends as the page
// hides: the request is started first so it outlives the page.
export async function send(item) {
  const entry = await prepare(item);
  if (item.keepalive) {
    const delivery = deliver(entry, true);
    await enqueue(entry).catch(() => {});
    const result = await settle(entry, await delivery);
    changed();
    return result;
  }
  try {
    await enqueue(entry);
  } catch {
    return sendUnkept(entry); // no IndexedDB here (storage turned off): one try, nothing kept
  }
  const result = await exclusive(async () => {
    if (!(await one("outbox", entry.key))) {
      const done = await receipt(entry.key); // another tab or the worker sent it meanwhile
      return done ? { status: done.status, data: done.data } : { status: "queued" };
    }
    return settle(entry, await deliver(entry));
  });
  if (result.status === "queued") askForSync();
  changed();
  return result;
}

async function sendUnkept(entry) {
  const result = await deliver(entry);
  if (result.kind === "saved") return { status: "saved", data: result.data };
  const error = result.error || say("cannotKeep");
  return { status: "rejected", data: { error } };
}

// Try every waiting item of the person signed in, in order; `force` ignores the back-off (the
// connection just came back). Calls onSaved(item, data) for each that arrives.
export async function flush(onSaved = () => {}, { force = false } = {}) {
  await exclusive(async () => {
    for (const item of await mine()) {
      if (!force && item.nextAt > Date.now()) continue;
      const result = await deliver(item);
      const outcome = await settle(item, result, { fromQueue: true });
      if (outcome.status === "saved") onSaved(item, outcome.data);
      if (result.network) break; // offline: the rest would fail the same way
    }
  });
  changed();
}

// When the next waiting item may be tried, or null when nothing waits.
async function nextTry() {
  const items = await mine();
  return items.length ? Math.min(...items.map((i) => i.nextAt)) : null;
}

// Results the earlier outbox kept in localStorage (before IndexedDB): queued here once, for the
// person signed in now, as that outbox would have sent them.
const LEGACY_KEY = "sciatica.outbox";
async function adoptLegacy() {
  let items = [];
  try {
    items = JSON.parse(localStorage.getItem(LEGACY_KEY) || "[]");
  } catch { /* unreadable: nothing to adopt */ }
  for (const item of items) {
    if (item && item.url && item.key) await enqueue(await prepare({ ...item, label: say("earlierSessionLabel") }));
  }
  localStorage.removeItem(LEGACY_KEY);
}

let timer = null;
let watching = false;
const savedListeners = new Set();
// Keep sending from this page: now, when the connection returns, when the page is shown again,
// and after each back-off. onSaved(item, data) hears each item that arrives; onChange hears
// when the queue or the notes change.
export function watch(onSaved = null, onChange = null) {
  if (onSaved) savedListeners.add(onSaved);
  if (onChange) listeners.add(onChange);
  if (watching) return;
  watching = true;
  let onlineAt = -Infinity;
  const run = async (force = false) => {
    clearTimeout(timer);
    await flush((item, data) => savedListeners.forEach((fn) => fn(item, data)), { force });
    const at = await nextTry();
    if (at === null) return;
    // Just back online, the network may take a moment to carry requests: try again soon.
    const reconnecting = Date.now() - onlineAt < RECONNECT_MS;
    const wait = reconnecting ? RECONNECT_RETRY_MS : Math.max(1000, at - Date.now());
    timer = setTimeout(() => run(reconnecting), wait);
  };
  addEventListener("online", () => {
    onlineAt = Date.now();
    run(true);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") run();
  });
  adoptLegacy().catch(() => {}).finally(() => run(true));
}
