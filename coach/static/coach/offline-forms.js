// Forms marked data-outbox="what it is" (a check-in, a plan change) go through the outbox: sent
// at once when the server can be reached, else kept on this phone and sent later. Each carries
// an idempotency key made on this page, so a retry never saves it twice. Without JavaScript
// they post as plain forms.
import { send } from "./outbox.js";
import { say } from "./words.js";

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function keyInput(form) {
  let input = form.querySelector('input[name="idempotency_key"]');
  if (!input) {
    input = Object.assign(document.createElement("input"), { type: "hidden", name: "idempotency_key" });
    form.append(input);
  }
  input.value = newKey();
  return input;
}

function showKept(form) {
  const note = document.createElement("p");
  note.className = "notice notice-warn";
  note.setAttribute("role", "status");
  note.textContent = say("keptOffline", { what: form.dataset.outbox });
  form.before(note);
  form.hidden = true;
}

async function submit(form, key, submitter, onChange) {
  const data = new FormData(form, submitter);
  data.delete("csrfmiddlewaretoken"); // the outbox sends the current token as a header
  const result = await send({
    url: form.action,
    key: key.value,
    type: "form",
    kind: form.dataset.kind || "form",
    label: form.dataset.outbox,
    body: new URLSearchParams(data).toString(),
  });
  onChange();
  if (result.status === "saved") {
    location.assign(result.data.next || location.href);
  } else if (result.status === "queued") {
    showKept(form);
    key.value = newKey();
  } else {
    form.submit(); // refused: let the server show what is wrong, next to the fields
  }
}

export function wire(forms, onChange = () => {}) {
  for (const form of forms) {
    const key = keyInput(form);
    let busy = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        await submit(form, key, event.submitter, onChange);
      } finally {
        busy = false;
      }
    });
  }
}
