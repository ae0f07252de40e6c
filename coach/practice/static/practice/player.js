// The guided session player: runs a compiled timeline by timestamps, speaks and beeps the cues,
// and posts the result once. The schedule is the source of truth: a late timer or a tab that
// slept catches up to the step the clock says, never counting ticks.
import { send, watch } from "../coach/outbox.js";

const WORK = new Set(["hold", "reps", "open"]);
const BACK_RESTARTS_WITHIN = 3;

export class Run {
  constructor(timeline, now) {
    this.steps = timeline.steps;
    this.total = timeline.total_seconds;
    this.origin = now;
    this.pausedAt = null;
    this.index = 0;
    this.finished = false;
    this.creditedUntil = 0;
    this.tallies = new Map();
    for (const s of this.steps) {
      if (WORK.has(s.kind) && s.exercise_id) {
        const t = this.tallies.get(s.exercise_id) || { planned: 0, held: 0, hurt: false, spread: false, endedByCheck: false, side: "" };
        t.planned += s.duration;
        this.tallies.set(s.exercise_id, t);
      }
    }
  }
  get step() { return this.steps[this.index]; }
  get paused() { return this.pausedAt !== null; }
  elapsed(now) { return (this.pausedAt ?? now) - this.origin; }
  credit(upto) {
    const start = this.creditedUntil;
    if (upto <= start) return;
    for (const s of this.steps) {
      if (!WORK.has(s.kind) || !s.exercise_id) continue;
      const overlap = Math.min(upto, s.start + s.duration) - Math.max(start, s.start);
      if (overlap > 0) this.tallies.get(s.exercise_id).held += overlap;
    }
    this.creditedUntil = upto;
  }
  update(now) {
    const at = this.elapsed(now);
    this.credit(Math.min(at, this.total));
    if (at >= this.total) {
      this.index = this.steps.length - 1;
      this.finished = true;
    } else {
      this.index = this.steps.findIndex((s) => at < s.start + s.duration);
    }
    return this.step;
  }
  remaining(now) { return Math.max(0, this.step.start + this.step.duration - this.elapsed(now)); }
  pause(now) { if (!this.paused) { this.update(now); this.pausedAt = now; } }
  resume(now) { if (this.paused) { this.origin += now - this.pausedAt; this.pausedAt = null; } }
  jump(now, index) {
    const ref = this.pausedAt ?? now;
    this.index = index;
    this.origin = ref - this.steps[index].start;
    this.creditedUntil = this.steps[index].start;
  }
  advance(now) {
    const step = this.update(now);
    if (this.finished) return;
    if (step.index + 1 < this.steps.length) this.jump(now, step.index + 1);
    else this.finished = true;
  }
  back(now) {
    const step = this.update(now);
    const into = this.elapsed(now) - step.start;
    this.finished = false;
    this.jump(now, into > BACK_RESTARTS_WITHIN || step.index === 0 ? step.index : step.index - 1);
  }
  hurt(now, { spread = false } = {}) {
    const step = this.update(now);
    const id = step.exercise_id;
    if (!id || this.finished) return null;
    const t = this.tallies.get(id);
    if (spread) t.spread = true;
    else t.hurt = true;
    t.side = step.side || "";
    const after = this.steps.slice(step.index).find((s) => s.exercise_id !== id);
    if (after) this.jump(now, after.index);
    else this.finished = true;
    return id;
  }
  result(now, startedAt) {
    if (!this.finished) this.update(now);
    const reached = new Set(this.steps.slice(0, this.index + 1).map((s) => s.exercise_id));
    const exercises = [];
    for (const [id, t] of this.tallies) {
      if (!this.finished && !reached.has(id)) continue;
      const held = Math.round(t.held);
      let outcome = "done";
      if (t.hurt) outcome = "hurt";
      else if (!t.endedByCheck && held < t.planned) outcome = "skipped";
      exercises.push({ exercise_id: id, outcome, held_seconds: Math.min(held, t.planned), planned_seconds: t.planned, side: t.side, spread: t.spread });
    }
    return {
      routine_id: null,
      started_at: startedAt.toISOString(),
      ended_at: new Date().toISOString(),
      completed: this.finished,
      planned_seconds: this.total,
      practised_seconds: Math.round(Math.min(this.elapsed(now), this.total)),
      exercises,
    };
  }
}

// ---------------------------------------------------------------------------------------------
const root = document.getElementById("player");
if (root) setUp(JSON.parse(document.getElementById("player-data").textContent));

function setUp(data) {
  const $ = (id) => document.getElementById(id);
  const tl = data.timeline;
  const exercises = data.exercises;
  const clock = () => performance.now() / 1000;
  const prefs = { voice: localStorage.getItem("sciatica.voice") !== "off", tones: localStorage.getItem("sciatica.tones") !== "off" };
  const log = []; // {index, scheduled, actual} in ms: how far each step started from its schedule
  window.sciaticaPlayer = { log, said: [], state: () => root.dataset.state };
  let run = null;
  let timer = null;
  let audio = null;
  let wakeLock = null;
  let shownIndex = -1;
  let lastRel = 0;
  let startedAt = null;
  let key = null;
  const checks = [];

  // --- sound and voice ---
  function say(text) {
    if (!text) return;
    window.sciaticaPlayer.said.push(text);
    $("live").textContent = text;
    if (!prefs.voice || !("speechSynthesis" in window)) return;
    try {
      speechSynthesis.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.rate = 0.95;
      speechSynthesis.speak(u);
    } catch { /* no voice on this device: the text is on screen */ }
  }
  function tone(freq, length = 0.15, delay = 0) {
    if (!prefs.tones || !audio) return;
    const t = audio.currentTime + delay;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
    osc.connect(gain).connect(audio.destination);
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
    try { wakeLock = await navigator.wakeLock.request("screen"); } catch { wakeLock = null; }
  }

  // --- what the screen shows ---
  const fmt = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  const sideWords = { left: "Left leg", right: "Right leg" };
  function nextExercise(step) {
    const later = tl.steps.slice(step.index + 1).find((s) => s.exercise_id && s.exercise_id !== step.exercise_id);
    return later ? exercises[later.exercise_id] : null;
  }
  function showStep(step) {
    const ex = step.exercise_id ? exercises[step.exercise_id] : null;
    root.dataset.step = step.kind;
    root.dataset.index = String(step.index);
    if (ex) {
      const fig = $("figure");
      if (fig.getAttribute("src") !== ex.figure) fig.src = ex.figure;
      fig.alt = `Drawing of ${ex.name}: ${ex.summary}`;
    }
    $("ex-name").textContent = ex ? ex.name : "All done";
    const side = $("side");
    side.hidden = !sideWords[step.side];
    side.textContent = sideWords[step.side] || "";
    $("variant").textContent = step.variant ? step.variant : "";
    $("cue").textContent = step.say;
    const coming = nextExercise(step);
    $("next-name").textContent = coming ? coming.name : "Finish";
    const nextFig = $("next-figure");
    nextFig.hidden = !coming;
    if (coming && nextFig.getAttribute("src") !== coming.figure) nextFig.src = coming.figure;
    $("thigh").hidden = true;
  }
  function showClock(now) {
    const step = run.step;
    const rel = run.elapsed(now) - step.start;
    let count, phase, fraction;
    if (step.kind === "reps") {
      const period = step.tempo_on + step.tempo_off;
      const rep = Math.min(step.reps, Math.floor(rel / period) + 1);
      const inRep = rel - (rep - 1) * period;
      const squeezing = inRep < step.tempo_on;
      count = `${rep}/${step.reps}`;
      phase = squeezing ? "squeeze" : "release";
      fraction = squeezing ? inRep / step.tempo_on : (inRep - step.tempo_on) / step.tempo_off;
    } else {
      const left = Math.ceil(run.remaining(now) - 1e-6);
      count = String(left);
      phase = { ready: "get ready", hold: "hold", open: "rest", switch: "switch", rest: "relax", done: "done" }[step.kind];
      fraction = rel / step.duration;
    }
    $("count").textContent = count;
    $("phase").textContent = run.paused ? "paused" : phase;
    $("ring").style.strokeDashoffset = String(100 - Math.min(100, Math.max(0, fraction * 100)));
    const overall = Math.min(1, run.elapsed(now) / run.total);
    $("overall-bar").style.width = `${(overall * 100).toFixed(1)}%`;
    $("overall-text").textContent = `${fmt(run.elapsed(now))} of ${fmt(run.total)}`;
  }

  // --- cues inside a step, fired when the clock crosses them (not in a flood after a sleep) ---
  function inStepCues(step, from, to) {
    const crossed = (t) => from < t && t <= to && to - t < 1;
    if (step.kind === "reps") {
      const period = step.tempo_on + step.tempo_off;
      for (let r = 0; r < step.reps; r++) {
        if (r > 0 && crossed(r * period)) { tones.squeeze(); if (step.tempo_on >= 2) say("Squeeze"); }
        if (crossed(r * period + step.tempo_on)) { tones.release(); if (step.tempo_off >= 2) say("Release"); }
      }
      return;
    }
    if ((step.kind === "hold" || step.kind === "open") && step.duration >= 20 && crossed(step.duration / 2)) {
      tones.half();
      if (step.kind === "hold") say("Halfway");
    }
    if (step.kind === "open" && step.check_every) {
      for (let t = step.check_every; t < step.duration; t += step.check_every) {
        if (crossed(t)) askThigh(step);
      }
    }
    if (step.duration >= 6 && step.kind !== "done") {
      for (const t of [step.duration - 3, step.duration - 2, step.duration - 1]) if (crossed(t)) tones.tick();
    }
  }

  function askThigh(step) {
    $("thigh").hidden = false;
    say("Thigh check. Tighten your thigh for a moment and let go. Where did you feel it most?");
    tones.switch();
    checks.push({ side: step.side, at: Math.round(run.elapsed(clock()) - step.start), answer: null });
  }

  function onStepStart(step, now) {
    log.push({ index: step.index, scheduled: Math.round((run.origin + step.start) * 1000), actual: Math.round(now * 1000) });
    showStep(step);
    if (step.kind === "switch") tones.switch();
    else if (step.kind === "done") tones.done();
    else tones.start();
    say(step.say);
  }

  // --- the loop: wake at the next thing that changes, then ask the schedule where we are ---
  function schedule(now) {
    clearTimeout(timer);
    if (!run || run.paused || run.finished) return;
    const step = run.step;
    const at = run.elapsed(now);
    const rel = at - step.start;
    const toEnd = step.start + step.duration - at;
    let wait = Math.min(toEnd, 1 - (rel % 1) || 1);
    if (step.kind === "reps") {
      const period = step.tempo_on + step.tempo_off;
      const inRep = rel % period;
      const toPhase = inRep < step.tempo_on ? step.tempo_on - inRep : period - inRep;
      wait = Math.min(wait, toPhase);
    }
    timer = setTimeout(tick, Math.max(5, wait * 1000));
  }

  function tick() {
    const now = clock();
    const before = run.index;
    run.update(now);
    if (run.finished) return finish(now);
    const step = run.step;
    const rel = run.elapsed(now) - step.start;
    if (step.index !== shownIndex) {
      shownIndex = step.index;
      lastRel = 0;
      onStepStart(step, now);
      if (before !== step.index && rel > 0) inStepCues(step, 0, rel);
    } else {
      inStepCues(step, lastRel, rel);
    }
    lastRel = rel;
    showClock(now);
    schedule(now);
  }

  function redraw() {
    shownIndex = -1;
    tick();
  }

  // --- controls ---
  function start() {
    audio = audio || (window.AudioContext ? new AudioContext() : null);
    startedAt = new Date();
    key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    run = new Run(tl, clock());
    $("start-panel").hidden = true;
    $("stage").hidden = false;
    root.dataset.state = "playing";
    keepAwake();
    redraw();
    $("pause").focus();
  }
  function togglePause() {
    if (!run || run.finished) return;
    const now = clock();
    if (run.paused) {
      run.resume(now);
      root.dataset.state = "playing";
      $("pause").textContent = "Pause";
      say("Resumed");
      tick();
    } else {
      run.pause(now);
      clearTimeout(timer);
      root.dataset.state = "paused";
      $("pause").textContent = "Resume";
      if ("speechSynthesis" in window) speechSynthesis.cancel();
      $("live").textContent = "Paused";
      showClock(now);
    }
  }
  function act(fn) {
    if (!run || run.finished) return;
    fn(clock());
    if (run.finished) return finish(clock());
    redraw();
    if (run.paused) showClock(clock());
  }
  const next = () => act((now) => run.advance(now));
  const back = () => act((now) => run.back(now));
  const hurts = () => act((now) => {
    const id = run.hurt(now);
    if (id) say(`Stopped ${exercises[id].short}. Noted that it hurt. Moving on.`);
  });
  const spreads = () => act((now) => {
    const id = run.hurt(now, { spread: true });
    if (id) say(`Stopped ${exercises[id].short}. Noted that your symptoms spread down the leg. Moving on.`);
  });
  function answerThigh(answer) {
    const open = [...checks].reverse().find((c) => c.answer === null);
    if (open) open.answer = answer;
    $("thigh").hidden = true;
    if (answer === "top" && run && run.step.kind === "open") {
      run.tallies.get(run.step.exercise_id).endedByCheck = true;
      act((now) => run.advance(now));
    } else {
      say("Good. Keep resting; I will ask again in a few minutes.");
    }
  }

  // --- the end ---
  async function finish(now) {
    clearTimeout(timer);
    if (root.dataset.state === "done") return;
    root.dataset.state = "done";
    const result = run.result(now, startedAt);
    result.routine_id = tl.routine_id;
    result.checks = checks;
    if (wakeLock) { wakeLock.release().catch(() => {}); wakeLock = null; }
    say("Session done. Well done.");
    tones.done();
    showSummary(result);
    $("overall-bar").style.width = `${((result.practised_seconds / run.total) * 100).toFixed(1)}%`;
    $("overall-text").textContent = `${fmt(result.practised_seconds)} of ${fmt(run.total)}`;
    const outcome = await send({ url: data.resultUrl, key, body: result });
    showSaved(outcome);
  }
  function showSummary(result) {
    const count = (o) => result.exercises.filter((e) => e.outcome === o).length;
    $("n-done").textContent = count("done");
    $("n-skipped").textContent = count("skipped");
    $("n-hurt").textContent = count("hurt");
    $("n-time").textContent = fmt(result.practised_seconds);
    const words = { done: "done", skipped: "skipped", hurt: "stopped: it hurt", spread: "stopped: symptoms spread down the leg" };
    $("summary-list").replaceChildren(...result.exercises.map((e) => {
      const li = document.createElement("li");
      const outcome = e.spread ? "spread" : e.outcome;
      li.className = `outcome-${outcome}`;
      li.textContent = `${exercises[e.exercise_id].name}: ${words[outcome]} (${fmt(e.held_seconds)})`;
      return li;
    }));
    $("stage").hidden = true;
    $("summary").hidden = false;
    $("summary").focus();
  }
  function showSaved(outcome) {
    const status = $("save-status");
    status.classList.remove("notice-warn", "notice-danger");
    if (outcome.status === "saved") {
      status.textContent = data.signedIn ? "Saved to your history." : "Saved for this visit. Create an account to keep it in your history.";
      root.dataset.saved = String(outcome.data.id);
      if (data.afterUrl) {
        $("after-link").href = data.afterUrl.replace("SESSION_ID", outcome.data.id);
        $("after-link").textContent = "Check in: how do you feel now?";
      } else if (!data.signedIn && data.signUpUrl) {
        $("after-link").href = data.signUpUrl;
        $("after-link").textContent = "Create an account to keep it";
      }
    } else if (outcome.status === "queued") {
      status.classList.add("notice-warn");
      status.textContent = "No connection right now. The session is kept on this phone and will be sent when you are back online.";
    } else {
      status.classList.add("notice-danger");
      status.textContent = `Not saved: ${outcome.data.error}`;
    }
  }
  watch((item, saved) => {
    if (item.key === key) showSaved({ status: "saved", data: saved });
  });

  // --- wiring ---
  $("start").addEventListener("click", start);
  $("start").disabled = tl.steps.length === 0; // ready once this module has wired the page
  $("pause").addEventListener("click", togglePause);
  $("next").addEventListener("click", next);
  $("back").addEventListener("click", back);
  $("hurts").addEventListener("click", hurts);
  $("spreads").addEventListener("click", spreads);
  for (const b of document.querySelectorAll("[data-thigh]")) b.addEventListener("click", () => answerThigh(b.dataset.thigh));
  for (const name of ["voice", "tones"]) {
    const b = $(name);
    const label = name === "voice" ? "Voice" : "Tones";
    const paint = () => { b.setAttribute("aria-pressed", String(prefs[name])); b.textContent = `${label} ${prefs[name] ? "on" : "off"}`; };
    paint();
    b.addEventListener("click", () => {
      prefs[name] = !prefs[name];
      localStorage.setItem(`sciatica.${name}`, prefs[name] ? "on" : "off");
      if (!prefs.voice && "speechSynthesis" in window) speechSynthesis.cancel();
      paint();
    });
  }
  document.addEventListener("keydown", (e) => {
    if (!run || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target.tagName;
    if (e.key === " " && (target === "BUTTON" || target === "A")) return; // the button's own press
    const actions = { " ": togglePause, p: togglePause, n: next, ArrowRight: next, b: back, ArrowLeft: back, h: hurts, s: spreads };
    if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || !run || run.finished) return;
    if (!run.paused) { keepAwake(); tick(); }
  });
}
