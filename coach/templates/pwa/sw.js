{% autoescape off %}// The service worker (served by coach/pwa.py at /sw.js): keeps the app shell and the pages a
// person opened so the app opens and plays with no network, and sends the outbox when the
// connection returns (Background Sync). A new version waits until the page asks for it.
import { flush, identity } from {{ outbox_url }};
import { fill, wordsOf } from {{ words_url }};
import {{ push_url }}; // reminders: a push shows a notification whose "Start now" opens the player

const VERSION = {{ version }};
const SHELL = `sciatica-shell-${VERSION}`;
const PAGES = "sciatica-pages";
const PRECACHE = {{ precache }};
const OFFLINE_URL = {{ offline_url }};
const KEPT = {{ kept }};
const PAGES_KEPT = 60;
const SYNC_TAG = "sciatica-outbox";
const SAVED_AT = "x-sciatica-saved-at";
const OWNER = "x-sciatica-owner";
const precached = new Set(PRECACHE);

self.addEventListener("install", (event) => {
  // The offline page is the same for everyone: fetched without the person's cookies.
  const requests = PRECACHE.map((url) => new Request(url, { credentials: url === OFFLINE_URL ? "omit" : "same-origin" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)));
  // No skipWaiting here: a new version waits until a page asks (never under a running session).
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("sciatica-shell-") && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "skip-waiting") self.skipWaiting();
  if (message.type === "claim") event.waitUntil(self.clients.claim()); // a page opened before it
  if (message.type === "keep") event.waitUntil(keepUrl(message.url));
  if (message.type === "flush") event.waitUntil(flush());
});

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(flush());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method !== "GET") {
    // Posts from the pages' scripts (the outbox) go out from here, so they meet the same
    // network as the worker's own requests; a failure is the page's to handle.
    if (request.mode !== "navigate") event.respondWith(fetch(request));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith("{{ static_prefix }}") || url.pathname.startsWith("/figures/")) {
    event.respondWith(shell(request, url));
  } else if (precached.has(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});

// --- the app shell: from the cache first; an older version's file by its name, if need be ---
const unhashed = (path) => path.replace(/\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$/, "$1");

async function shell(request, url) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    // A saved page from before an update may name an older file: the current one will do.
    for (const key of await cache.keys()) {
      if (unhashed(new URL(key.url).pathname) === unhashed(url.pathname)) return cache.match(key, { ignoreVary: true });
    }
    throw error;
  }
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await caches.match(request, { ignoreVary: true });
    if (hit) return hit;
    throw error;
  }
}

// --- pages: from the network, kept for later; the kept copy when the network fails ---
function keepable(url, response) {
  const html = (response.headers.get("content-type") || "").startsWith("text/html");
  const path = url.pathname;
  const listed = KEPT.exact.includes(path) || KEPT.prefixes.some((p) => path.startsWith(p));
  return listed && html && response.ok && !response.redirected && response.type === "basic";
}

async function page(event, url) {
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return (await savedPage(url)) || offlinePage();
  }
  if (response.status >= 500) return (await savedPage(url)) || response;
  if (keepable(url, response)) event.waitUntil(keep(url, response.clone()));
  return response;
}

async function keepUrl(href) {
  const url = new URL(href);
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (keepable(url, response)) await keep(url, response);
  } catch { /* offline: kept next time */ }
}

const ownerIn = (text) => (text.match(/<meta name="sciatica-owner" content="([^"]*)"/) || [])[1] || "";

async function keep(url, response) {
  const text = await response.text();
  const owner = ownerIn(text);
  const cache = await caches.open(PAGES);
  // Another person signed in on this browser: nothing of the last one's stays readable.
  for (const key of await cache.keys()) {
    const old = await cache.match(key);
    if (old && old.headers.get(OWNER) !== owner) await cache.delete(key);
  }
  const headers = {
    "Content-Type": response.headers.get("content-type"),
    [SAVED_AT]: new Date().toISOString(),
    [OWNER]: owner,
  };
  await cache.put(url.href, new Response(text, { status: response.status, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - PAGES_KEPT))) await cache.delete(old);
  for (const companion of KEPT.companions[url.pathname] || []) {
    const other = new URL(companion, url);
    if (!(await cache.match(other.href))) await keepUrl(other.href);
  }
}

async function savedPage(url) {
  const cache = await caches.open(PAGES);
  const saved = (await cache.match(url.href)) || (KEPT.anyQuery.includes(url.pathname) ? await cache.match(url.href, { ignoreSearch: true }) : undefined);
  if (!saved) return null;
  const { owner } = await identity();
  if (owner && saved.headers.get(OWNER) !== owner) return null;
  return marked(saved);
}

// The kept page's own words (its site-words JSON, in its language): the worker has none.
function pageWords(text) {
  const found = text.match(/<script id="site-words" type="application\/json">([^<]*)<\/script>/);
  return wordsOf(found ? found[1] : "");
}

// "Offline: showing what was saved at 09:05", with the day when it was not today.
function savedNote(date, words) {
  const time = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  if (new Date().toDateString() === date.toDateString()) return fill(words.savedAt, { time });
  const day = date.toLocaleDateString(words.dateLocale, { weekday: "short", day: "numeric", month: "short" });
  return fill(words.savedOn, { time, day });
}

const escaped = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// A kept page says so: a note at the top, and data-offline-saved-at for the page's scripts.
async function marked(saved) {
  const at = new Date(saved.headers.get(SAVED_AT));
  const kept = await saved.text();
  const note = `<p class="notice notice-warn offline-note" role="status">${escaped(savedNote(at, pageWords(kept)))}</p>`;
  const text = kept
    .replace("<html ", `<html data-offline-saved-at="${at.toISOString()}" `)
    .replace('<main id="main">', `<main id="main">${note}`);
  return new Response(text, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function offlinePage() {
  const cache = await caches.open(SHELL);
  return (await cache.match(OFFLINE_URL, { ignoreVary: true })) || Response.error();
}
{% endautoescape %}
