// Web push for reminders, imported by the service worker (/sw.js, a module worker):
// a pushed reminder shows a notification with a "Start now" action (labelled in the person's
// language by the server) that opens the player.

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: "Sciatica Coach", body: event.data ? event.data.text() : "" };
  }
  const title = data.title || "Sciatica Coach";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || "",
      tag: data.tag || "reminder",
      data: { url: data.url || "/" },
      actions: [{ action: "start", title: data.action || "Start now" }],
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (url.origin !== self.location.origin) return; // only ever open this app's own pages
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === url.href && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(url.href);
    })(),
  );
});
