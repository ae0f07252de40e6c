// The guided session player: the page around the session engine (session.js). It speaks and
// beeps the cues, fills the screen while a session runs (readable from the floor, nothing to
// scroll), and posts the result once: when the session ends, is ended, or the page goes away.
import { send, watch } from "../coach/outbox.js";
import { mayStart } from "../coach/offline-check.js";
import { Run, repPhase } from "./session.js";

export { Run, repPhase, whole } from "./session.js";

const $ = (id) => document.getElementById(id);
const clock = () => performance.now() / 1000;
const fmt = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
// Every word shown or said comes from the page, in its language (the `player-words` JSON,
// made by coach/practice/templatetags/player_words.py): none is written here.
let W = null;
// A sentence with its {slots} filled: fill(W.left, { time: "1:05" }).
const fill = (text, slots) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in slots ? String(slots[name]) : whole));
const CONFIRM_MS = 4000; // how long "End" waits for its confirming tap

const ui = {
  root: null, // #player
  tl: null, // the compiled timeline
  exercises: null, // id -> {name, short, figure, summary}
  data: null, // everything the page was given
  prefs: { voice: true, tones: true, waitReady: false },
  log: [], // {index, scheduled, actual} in ms: how far each step started from its schedule
  said: [],
  run: null,
  timer: null,
  audio: null,
  wakeLock: null,
  shownIndex: -1,
  lastRel: 0,
  key: null,
  result: null, // the result once the session has ended
  saved: false, // the server has it
  unloading: false,
  sentOnHide: false,
  confirmTimer: null,
  toldToTap: false,
};

function setUp(rootElement, data, words) {
  W = words;
  Object.assign(ui, { root: rootElement, data, tl: data.timeline, exercises: data.exercises });
  ui.prefs.voice = localStorage.getItem("sciatica.voice") !== "off";
  ui.prefs.tones = localStorage.getItem("sciatica.tones") !== "off";
  ui.prefs.waitReady = localStorage.getItem("sciatica.waitReady") === "on";
  window.sciaticaPlayer = { log: ui.log, said: ui.said, state: () => ui.root.dataset.state };
  wireControls();
  wireToggles();
  wireKeys();
  watch((item, saved) => {
    if (item.key === ui.key) showSaved({ status: "saved", data: saved });
  });
  addEventListener("beforeunload", () => { ui.unloading = true; });
  addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", onVisibility);
  $("start").disabled = ui.tl.steps.length === 0; // ready once this module has wired the page
}

// --- sound and voice ---
function say(text) {
  if (!text) return;
  ui.said.push(text);
  $("live").textContent = text;
  if (!ui.prefs.voice || !("speechSynthesis" in window)) return;
  try {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95;
    const lang = document.documentElement.lang || "en";
    u.lang = lang;
    const voice = voiceFor(lang);
    if (voice) u.voice = voice;
    speechSynthesis.speak(u);
  } catch { /* no voice on this device: the text is on screen */ }
}

// A voice of the page's language when the device has one ("es" finds "es-ES", "es-MX"…);
// otherwise the utterance's lang lets the device choose.
function voiceFor(lang) {
  const want = lang.toLowerCase();
  const voices = typeof speechSynthesis.getVoices === "function" ? speechSynthesis.getVoices() || [] : [];
  const fits = voices.filter((v) => (v.lang || "").toLowerCase().replace("_", "-").split("-")[0] === want.split("-")[0]);
  return fits.find((v) => (v.lang || "").toLowerCase().replace("_", "-") === want) || fits.find((v) => v.default) || fits[0] || null;
}

function tone(freq, length = 0.15, delay = 0) {
  if (!ui.prefs.tones || !ui.audio) return;
  const t = ui.audio.currentTime + delay;
  const osc = ui.audio.createOscillator();
  const gain = ui.audio.createGain();
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
  osc.connect(gain).connect(ui.audio.destination);
  osc.start(t);
  osc.stop(t + length + 0.05);
}

const tones = {
  start: () => tone(660, 0.2),
  half: () => tone(523, 0.15),
  tick: () => tone(880, 0.08),
  switch: () => { tone(587, 0.12); tone(784, 0.18, 0.15); },
  squeeze: () => tone(740, 0.1),
  release: () => tone(440, 0.1),
  done: () => { tone(523, 0.15); tone(659, 0.15, 0.15); tone(784, 0.3, 0.3); },
};

async function keepAwake() {
  if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  try { ui.wakeLock = await navigator.wakeLock.request("screen"); } catch { ui.wakeLock = null; }
}

// --- what the screen shows ---
function nextExercise(step) {
  const later = ui.tl.steps.slice(step.index + 1).find((s) => s.exercise_id && s.exercise_id !== step.exercise_id);
  return later ? ui.exercises[later.exercise_id] : null;
}

function showFigure(ex, step) {
  // a set done differently (the glute squeeze with the toes turned out) has its own picture
  const src = (step.set_number && ex.sets && ex.sets[step.set_number]) || ex.figure;
  const fig = $("figure");
  if (fig.getAttribute("src") !== src) fig.src = src;
  const name = step.variant ? `${ex.name} (${step.variant})` : ex.name;
  fig.alt = fill(W.figureAlt, { name, summary: ex.summary });
}

function showComing(step) {
  const coming = nextExercise(step);
  $("next-name").textContent = coming ? coming.name : W.finish;
  const nextFig = $("next-figure");
  nextFig.hidden = !coming;
  if (coming && nextFig.getAttribute("src") !== coming.figure) nextFig.src = coming.figure;
}

function showStep(step) {
  const ex = step.exercise_id ? ui.exercises[step.exercise_id] : null;
  ui.root.dataset.step = step.kind;
  ui.root.dataset.index = String(step.index);
  if (ex) showFigure(ex, step);
  $("ex-name").textContent = ex ? ex.name : W.endOfRoutine;
  $("side").hidden = !step.side_label;
  $("side").textContent = step.side_label || "";
  $("variant").textContent = step.variant || "";
  $("cue").textContent = step.cue || step.say;
  showComing(step);
  showThigh(false);
}

// Time left, told by each step's usual length (a resting step's cap is not its usual length).
function timeLeft(run, now) {
  const step = run.step;
  const into = run.elapsed(now) - step.start;
  const later = ui.tl.steps.slice(step.index + 1).reduce((sum, s) => sum + (s.usual || s.duration), 0);
  return later + Math.max(0, (step.usual || step.duration) - into);
}

function showClock(now) {
  const { run } = ui;
  const step = run.step;
  const rep = run.repAt(now);
  let count = String(Math.ceil(run.remaining(now) - 1e-6));
  let phase = W.phases[step.kind];
  let fraction = (run.elapsed(now) - step.start) / step.duration;
  if (rep) [count, phase, fraction] = [`${rep.rep}/${rep.reps}`, W.phases[rep.phase], rep.fraction];
  if (step.kind === "open" && step.check_every) {
    // a resting side lasts until the Thigh Test ends it: count down to the next check instead
    const into = run.elapsed(now) - step.start;
    [count, phase] = [fmt(Math.ceil(step.check_every - (into % step.check_every) - 1e-6)), W.phases.thighCheck];
    fraction = (into % step.check_every) / step.check_every;
  }
  if (run.waiting) phase = W.phases.waiting;
  $("count").textContent = count;
  $("phase").textContent = run.paused ? W.phases.paused : phase;
  $("step-bar").style.width = `${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(1)}%`;
  const usual = ui.tl.usual_seconds || run.total;
  const left = timeLeft(run, now);
  $("overall-bar").style.width = `${((1 - Math.min(1, left / usual)) * 100).toFixed(1)}%`;
  const about = ui.tl.usual_seconds && ui.tl.usual_seconds !== run.total;
  $("overall-text").textContent = fill(about ? W.aboutLeft : W.left, { time: fmt(left) });
}

function showThigh(asking) {
  $("thigh").hidden = !asking;
  if (asking) ui.root.dataset.asking = "true";
  else delete ui.root.dataset.asking;
}

// --- cues inside a step, fired when the clock crosses them (not in a flood after a sleep) ---
function repCues(step, from, to) {
  const rep = repPhase(step, to);
  if (!rep) return;
  const changedAt = to - rep.since;
  if (!(from < changedAt && rep.since < 1)) return;
  if (rep.squeezing) { tones.squeeze(); if (step.tempo_on >= 2) say(W.squeeze); }
  else { tones.release(); if (step.tempo_off >= 2) say(W.release); }
}

function inStepCues(step, from, to) {
  const crossed = (t) => from < t && t <= to && to - t < 1;
  if (step.kind === "reps") return repCues(step, from, to);
  if (step.kind === "hold" && step.duration >= 20 && crossed(step.duration / 2)) {
    tones.half();
    say(W.halfway);
  }
  if (step.kind === "open" && step.check_every) {
    for (let t = step.check_every; t < step.duration; t += step.check_every) {
      if (crossed(t)) askThigh(step);
    }
  }
  const counts = step.duration >= 6 && step.kind !== "done" && !(step.kind === "ready" && ui.prefs.waitReady);
  if (counts) {
    for (const t of [step.duration - 3, step.duration - 2, step.duration - 1]) if (crossed(t)) tones.tick();
  }
}

function askThigh(step) {
  showThigh(true);
  say(step.check_say);
  tones.switch();
}

function onStepStart(step, now) {
  ui.log.push({ index: step.index, scheduled: Math.round((ui.run.origin + step.start) * 1000), actual: Math.round(now * 1000) });
  ui.toldToTap = false;
  showStep(step);
  if (step.kind === "switch") tones.switch();
  else if (step.kind === "done") tones.done();
  else tones.start();
  say(step.say);
}

// Waiting for "I'm in position": said once, then the page waits for the tap.
function onWaiting() {
  if (ui.toldToTap) return;
  ui.toldToTap = true;
  ui.root.dataset.waiting = "true";
  tones.switch();
  say(W.tapInPosition);
}

// --- the loop: wake at the next thing that changes, then ask the schedule where we are ---
function schedule(now) {
  clearTimeout(ui.timer);
  const { run } = ui;
  if (!run || run.paused || run.ended || run.waiting) return;
  const step = run.step;
  const at = run.elapsed(now);
  const rel = at - step.start;
  let wait = Math.min(step.start + step.duration - at, 1 - (rel % 1) || 1);
  const rep = run.repAt(now);
  if (rep) wait = Math.min(wait, rep.toChange);
  ui.timer = setTimeout(tick, Math.max(5, wait * 1000));
}

function tick() {
  const now = clock();
  const { run } = ui;
  const before = run.index;
  run.update(now);
  if (run.ended) return finish(now);
  const step = run.step;
  const rel = run.elapsed(now) - step.start;
  if (step.index !== ui.shownIndex) {
    ui.shownIndex = step.index;
    ui.lastRel = 0;
    onStepStart(step, now);
    if (before !== step.index && rel > 0) inStepCues(step, 0, rel);
  } else {
    inStepCues(step, ui.lastRel, rel);
  }
  ui.lastRel = rel;
  if (run.waiting) onWaiting();
  else delete ui.root.dataset.waiting;
  showClock(now);
  schedule(now);
}

function redraw() {
  ui.shownIndex = -1;
  tick();
}

// --- controls ---
function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

async function start() {
  $("start").disabled = true;
  const go = await mayStart(); // offline: the quick safety check first (coach/offline-check.js)
  $("start").disabled = false;
  if (!go) return;
  ui.audio = ui.audio || (window.AudioContext ? new AudioContext() : null);
  ui.key = newKey();
  ui.run = new Run(ui.tl, clock(), new Date(), { waitForReady: ui.prefs.waitReady });
  $("start-panel").hidden = true;
  $("stage").hidden = false;
  document.body.classList.add("in-session");
  ui.root.dataset.state = "playing";
  keepAwake();
  redraw();
  $("pause").focus({ preventScroll: true });
}

function togglePause() {
  const { run } = ui;
  if (!run || run.ended) return;
  const now = clock();
  if (run.paused) {
    run.resume(now);
    ui.root.dataset.state = "playing";
    $("pause").textContent = W.pause;
    say(W.resumed);
    tick();
  } else {
    run.pause(now);
    clearTimeout(ui.timer);
    ui.root.dataset.state = "paused";
    $("pause").textContent = W.resume;
    if ("speechSynthesis" in window) speechSynthesis.cancel();
    $("live").textContent = W.pausedLive;
    showClock(now);
  }
}

// Apply one of the person's actions to the run, then show where it left them.
function act(fn) {
  const { run } = ui;
  if (!run || run.ended) return;
  const index = run.index;
  const changed = fn(clock()) !== false;
  if (run.ended) return finish(clock());
  if (!changed && run.index === index) return;
  redraw();
  if (run.paused) showClock(clock());
}

const next = () => act((now) => ui.run.next(now));
const back = () => act((now) => ui.run.back(now));
const inPosition = () => act((now) => ui.run.ready(now));

// "End" takes one confirming tap: the first turns it into "Tap again to end" for a moment.
function endSession() {
  const button = $("stop");
  if (!button.dataset.confirm) {
    button.dataset.confirm = "true";
    button.textContent = W.tapAgain;
    say(W.tapEndAgain);
    ui.confirmTimer = setTimeout(resetEnd, CONFIRM_MS);
    return;
  }
  resetEnd();
  act((now) => ui.run.stop(now));
}

function resetEnd() {
  clearTimeout(ui.confirmTimer);
  delete $("stop").dataset.confirm;
  $("stop").textContent = W.end;
}

function stopStretch(spread) {
  act((now) => {
    const id = ui.run.hurt(now, { spread });
    const why = spread ? W.whySpread : W.whyHurt;
    const after = ui.run.ending === "stopped" ? W.lastOne : W.movingOn;
    if (id) say(fill(W.stoppedSay, { name: ui.exercises[id].short, why, after }));
  });
}

function answerThigh(answer) {
  showThigh(false);
  act((now) => {
    const index = ui.run.index;
    const every = Math.round(ui.run.step.check_every / 60);
    ui.run.thigh(now, answer);
    if (ui.run.index !== index || ui.run.ended) return true;
    say(every === 1 ? W.askAgainOne : fill(W.askAgainMany, { minutes: every }));
    return false;
  });
}

// --- the end ---
// `keepalive` when the page is going away: the request outlives it (coach/outbox.js).
async function finish(now, { keepalive = false } = {}) {
  clearTimeout(ui.timer);
  resetEnd();
  if (ui.result) return;
  ui.root.dataset.state = "done";
  document.body.classList.remove("in-session");
  const result = ui.run.result(now);
  ui.result = result;
  if (ui.wakeLock) { ui.wakeLock.release().catch(() => {}); ui.wakeLock = null; }
  const ending = W.endings[ui.run.ending];
  if (!keepalive) say(ending.say);
  tones.done();
  showSummary(result, ending);
  $("overall-bar").style.width = "100%";
  $("overall-text").textContent = fill(W.practised, { time: fmt(result.practised_seconds) });
  showSaved(await deliver(keepalive));
}

function deliver(keepalive) {
  return send({ url: ui.data.resultUrl, key: ui.key, body: ui.result, keepalive, label: W.sessionLabel });
}

// The page is going away (closed, reloaded, navigated from): a session still running is ended
// here and what was done is sent, with the same key, so a later send of it is not doubled.
function leave() {
  const { run } = ui;
  if (!run || ui.saved || ui.sentOnHide) return;
  ui.sentOnHide = true; // pagehide and the hidden page's visibilitychange both come here
  if (!run.ended) run.stop(clock());
  if (!ui.result) finish(clock(), { keepalive: true });
  else deliver(true);
}

function onVisibility() {
  const { run } = ui;
  if (document.visibilityState === "hidden") {
    if (ui.unloading || (run && run.ended)) leave();
    return;
  }
  ui.sentOnHide = false;
  if (!run || run.ended) return;
  if (!run.paused) { keepAwake(); tick(); }
}

function summaryItem(e) {
  const li = document.createElement("li");
  const outcome = e.spread ? "spread" : e.outcome;
  li.className = `outcome-${outcome}`;
  li.textContent = `${ui.exercises[e.exercise_id].name}: ${W.outcomes[outcome]} (${fmt(e.held_seconds)})`;
  return li;
}

function showSummary(result, ending) {
  const count = (o) => result.exercises.filter((e) => e.outcome === o).length;
  $("summary-h").textContent = ending.heading;
  $("summary-note").textContent = ending.note;
  $("n-done").textContent = count("done");
  $("n-skipped").textContent = count("skipped");
  $("n-hurt").textContent = count("hurt");
  $("n-time").textContent = fmt(result.practised_seconds);
  $("summary-list").replaceChildren(...result.exercises.map(summaryItem));
  $("stage").hidden = true;
  $("summary").hidden = false;
  $("summary").focus({ preventScroll: true });
}

function showAfterLink(id) {
  const { data } = ui;
  if (data.afterUrl) {
    $("after-link").href = id === null ? data.afterUrl.replace("&session=SESSION_ID", "") : data.afterUrl.replace("SESSION_ID", id);
    $("after-link").textContent = W.checkInAfter;
  } else if (!data.signedIn && data.signUpUrl) {
    $("after-link").href = data.signUpUrl;
    $("after-link").textContent = W.signUpToKeep;
  }
}

function showSaved(outcome) {
  const status = $("save-status");
  status.classList.remove("notice-warn", "notice-danger");
  if (outcome.status === "saved") {
    ui.saved = true;
    status.textContent = ui.data.signedIn ? W.savedSignedIn : W.savedGuest;
    ui.root.dataset.saved = String(outcome.data.id);
    showAfterLink(outcome.data.id);
  } else if (outcome.status === "queued") {
    status.classList.add("notice-warn");
    status.textContent = W.queued;
    if (ui.data.afterUrl) showAfterLink(null); // the check-in after, linked once the session arrives
  } else {
    status.classList.add("notice-danger");
    status.textContent = fill(W.notSaved, { error: outcome.data.message || outcome.data.error });
  }
}

// --- wiring ---
function wireControls() {
  const buttons = {
    start, pause: togglePause, next, back, "in-position": inPosition, stop: endSession,
    hurts: () => stopStretch(false), spreads: () => stopStretch(true),
  };
  for (const [id, fn] of Object.entries(buttons)) $(id).addEventListener("click", fn);
  for (const b of document.querySelectorAll("[data-thigh]")) b.addEventListener("click", () => answerThigh(b.dataset.thigh));
  const wait = $("wait-ready");
  wait.checked = ui.prefs.waitReady;
  wait.addEventListener("change", () => {
    ui.prefs.waitReady = wait.checked;
    localStorage.setItem("sciatica.waitReady", wait.checked ? "on" : "off");
  });
}

function wireToggles() {
  for (const name of ["voice", "tones"]) {
    const b = $(name);
    const paint = () => { b.setAttribute("aria-pressed", String(ui.prefs[name])); b.textContent = W[`${name}${ui.prefs[name] ? "On" : "Off"}`]; };
    paint();
    b.addEventListener("click", () => {
      ui.prefs[name] = !ui.prefs[name];
      localStorage.setItem(`sciatica.${name}`, ui.prefs[name] ? "on" : "off");
      if (!ui.prefs.voice && "speechSynthesis" in window) speechSynthesis.cancel();
      paint();
    });
  }
}

function wireKeys() {
  const actions = { " ": togglePause, p: togglePause, n: next, ArrowRight: next, b: back, ArrowLeft: back, r: inPosition, h: () => stopStretch(false), s: () => stopStretch(true) };
  document.addEventListener("keydown", (e) => {
    if (!ui.run || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target.tagName;
    if (e.key === " " && (target === "BUTTON" || target === "A")) return; // the button's own press
    if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
  });
}

// Last, once every name above exists: a page without #player (a test importing Run) runs nothing.
const root = document.getElementById("player");
if (root) {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  setUp(root, read("player-data"), read("player-words"));
}
