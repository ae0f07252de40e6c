// The words the app's scripts show, in the page's language: the page's `site-words` JSON (made
// by coach/lib/site_words.py from its translations). The English below is for where a page has
// none, and equals that file's English (tests/web/test_offline_spanish.py holds them equal).
// The service worker has no page: it reads the words of the page it shows (wordsOf).
const ENGLISH = {
  "queuedOne": "{n} entry waiting to be sent",
  "queuedMany": "{n} entries waiting to be sent",
  "refused": "{label} from {time} could not be saved and was removed from this phone: {error}",
  "dismiss": "Dismiss",
  "sessionLabel": "This session",
  "earlierSessionLabel": "A session",
  "serverAnswered": "The server answered {status}.",
  "serverGaveUp": "The server could not save it after {tries} tries.",
  "cannotKeep": "No connection, and this browser cannot keep it for later.",
  "keptOffline": "No connection right now. {what} is kept on this phone and will be sent when you are back online.",
  "newVersion": "A new version is ready.",
  "reload": "Reload",
  "checkLabel": "A quick safety check",
  "checkOffline": "You are offline, so this phone asks the quick safety check itself. Your answer is sent when you are back online.",
  "noneOfThese": "None of these",
  "tickAny": "Tick any that you have today",
  "tickedSome": "I ticked one or more",
  "whatYouTicked": "What you ticked",
  "noSessionToday": "Today's session will not start.",
  "lockedUntilOnline": "Sessions will not start on this phone until you are back online and the quick safety check has been answered again.",
  "checkMissing": "The quick safety check could not be opened offline on this phone. Please connect to answer it before the session.",
  "savedAt": "Offline: showing what was saved at {time}.",
  "savedOn": "Offline: showing what was saved at {time} on {day}.",
  "dateLocale": "en-GB"
};

// The words in a site-words JSON text, the English for any it lacks.
export function wordsOf(json) {
  let here = {};
  try {
    here = JSON.parse(json || "{}");
  } catch { /* unreadable: the English */ }
  return { ...ENGLISH, ...here };
}

let read = null;

// The words of this page (read once).
export function words() {
  read ??= wordsOf(globalThis.document?.getElementById("site-words")?.textContent);
  return read;
}

// A text with its {slots} filled: fill("{n} entries", { n: 2 }).
export const fill = (text, values = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, slot) => (slot in values ? String(values[slot]) : whole));

// One of this page's words with its slots filled: say("queuedMany", { n: 2 }).
export const say = (name, values = {}) => fill(words()[name], values);
