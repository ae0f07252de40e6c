// Results waiting to reach the server: kept in this browser until the server has them.
// Each carries its idempotency key, so sending one twice still records it once.
const KEY = "sciatica.outbox";

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch {
    return [];
  }
}

function store(items) {
  localStorage.setItem(KEY, JSON.stringify(items));
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export function pending() {
  return load().length;
}

// Send one result. Resolves to {status: "saved" | "queued" | "rejected", data}.
export async function send(item) {
  let response;
  try {
    response = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": item.key,
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(item.body),
    });
  } catch {
    keep(item);
    return { status: "queued" };
  }
  if (response.ok) {
    forget(item.key);
    return { status: "saved", data: await response.json() };
  }
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    keep(item);
    return { status: "queued" };
  }
  forget(item.key);
  let message = "The server could not save this session.";
  try {
    message = (await response.json()).error || message;
  } catch {
    /* keep the general message */
  }
  return { status: "rejected", data: { error: message } };
}

function keep(item) {
  const items = load().filter((i) => i.key !== item.key);
  items.push(item);
  store(items);
}

function forget(key) {
  store(load().filter((i) => i.key !== key));
}

// Try every waiting result once; calls onSaved(item, data) for each that arrives.
export async function flush(onSaved = () => {}) {
  for (const item of load()) {
    const result = await send(item);
    if (result.status === "saved") onSaved(item, result.data);
    if (result.status === "queued") break; // still offline: try again later
  }
}

let retryTimer = null;
export function watch(onSaved) {
  window.addEventListener("online", () => flush(onSaved));
  clearInterval(retryTimer);
  retryTimer = setInterval(() => {
    if (load().length) flush(onSaved);
  }, 30000);
  if (load().length) flush(onSaved);
}
