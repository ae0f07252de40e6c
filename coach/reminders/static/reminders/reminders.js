// Reminder settings and the tips opt-in: fill in this device's time zone, and (when the
// person chose notifications) subscribe this browser to web push through the service worker.

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

for (const input of document.querySelectorAll('input[name="zone"]')) {
  if (!input.value && zone) input.value = zone;
}

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function subscribePush(setup) {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return;
  if ((await Notification.requestPermission()) !== "granted") return;
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ||
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(setup.dataset.vapidKey),
    }));
  const csrf = document.querySelector('input[name="csrfmiddlewaretoken"]');
  await fetch(setup.dataset.subscribeUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
    body: JSON.stringify(subscription.toJSON()),
  });
}

const setup = document.getElementById("push-setup");
if (setup) subscribePush(setup).catch(() => {});
