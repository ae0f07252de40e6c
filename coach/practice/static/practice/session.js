// The session engine: runs a compiled timeline by timestamps. The schedule is the source of
// truth: a late timer or a tab that slept catches up to the step the clock says, never counting
// ticks. The same engine as stretching/session.py's SessionRun, held to the same results by
// tests/parity_scripts.json; player.js is the page around it.

const WORK = new Set(["hold", "reps", "open"]);
const BACK_RESTARTS_WITHIN = 3;
const THIGH_ANSWERS = ["knee", "middle", "top"];

// Round half up; stretching/session.py's whole() does the same, so both engines agree.
export const whole = (seconds) => Math.floor(seconds + 0.5);

// The squeeze/release arithmetic, `into` seconds into a reps step (null for other steps).
export function repPhase(step, into) {
  if (step.kind !== "reps" || !(step.reps && step.tempo_on && step.tempo_off)) return null;
  const period = step.tempo_on + step.tempo_off;
  const rep = Math.min(step.reps, Math.floor(into / period) + 1);
  const inRep = into - (rep - 1) * period;
  const squeezing = inRep < step.tempo_on;
  const since = squeezing ? inRep : inRep - step.tempo_on;
  return {
    rep,
    reps: step.reps,
    squeezing,
    phase: squeezing ? "squeeze" : "release",
    since,
    fraction: since / (squeezing ? step.tempo_on : step.tempo_off),
    toChange: squeezing ? step.tempo_on - inRep : period - inRep,
  };
}

// One run through a timeline, driven by timestamps in seconds. The same engine as
// stretching/session.py's SessionRun, held to the same results by tests/parity_scripts.json.
// Practised time is the clock time from start to end with pauses taken out: a skip or
// "this hurts" jumps the schedule but never counts the time jumped over. With waitForReady a
// get-ready step that runs out holds the schedule at its end until ready() (time in the step).
export class Run {
  constructor(timeline, now, startedAt = new Date(), { waitForReady = false } = {}) {
    this.steps = timeline.steps;
    this.total = timeline.total_seconds;
    this.routineId = timeline.routine_id;
    this.started = now;
    this.startedAt = startedAt;
    this.origin = now;
    this.pausedAt = null;
    this.pausedFor = 0;
    this.index = 0;
    this.furthest = 0;
    this.finished = false;
    this.stopped = false;
    this.endedAt = null;
    this.waitForReady = waitForReady;
    this.waiting = false;
    this.hurtEnded = false;
    this.creditedUntil = 0;
    this.checks = [];
    this.tallies = new Map();
    for (const s of this.steps) {
      if (!WORK.has(s.kind) || !s.exercise_id) continue;
      if (!this.tallies.has(s.exercise_id)) {
        this.tallies.set(s.exercise_id, { planned: 0, held: 0, excused: 0, hurt: false, spread: false, side: "" });
      }
      this.tallies.get(s.exercise_id).planned += s.duration;
    }
  }
  get step() { return this.steps[this.index]; }
  get paused() { return this.pausedAt !== null; }
  get ended() { return this.finished || this.stopped; }
  // How the run ended: "stopped early" by the person, "stopped" when a stretch that hurt was
  // the last one (nothing came after it), else "done".
  get ending() { return this.stopped ? "stopped early" : this.hurtEnded ? "stopped" : "done"; }
  at(now) { return this.pausedAt ?? now; }
  elapsed(now) { return this.waiting ? this.step.start + this.step.duration : this.at(now) - this.origin; }
  practised(now) { return (this.endedAt ?? this.at(now)) - this.started - this.pausedFor; }
  repAt(now) { return repPhase(this.step, this.elapsed(now) - this.step.start); }
  remaining(now) { return Math.max(0, this.step.start + this.step.duration - this.elapsed(now)); }
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
  end(at, finished) {
    if (this.paused) this.pausedFor += at - this.pausedAt;
    this.finished = finished;
    this.stopped = !finished;
    this.endedAt = at;
  }
  go(index) {
    this.index = index;
    this.furthest = Math.max(this.furthest, index);
  }
  // The get-ready step, from the current one on, whose end the schedule has passed.
  readyDue(at) {
    for (const s of this.steps.slice(this.index)) {
      if (s.start > at) return null;
      if (s.kind === "ready" && s.start + s.duration <= at) return s;
    }
    return null;
  }
  update(now) {
    if (this.ended || this.waiting) return this.step;
    const at = this.elapsed(now);
    const due = this.waitForReady ? this.readyDue(at) : null;
    if (due) {
      this.credit(due.start + due.duration);
      this.go(due.index);
      this.waiting = true;
      return this.step;
    }
    this.credit(Math.min(at, this.total));
    if (at >= this.total) {
      this.go(this.steps.length - 1);
      this.end(this.origin + this.total, true);
    } else {
      this.go(this.steps.findIndex((s) => at < s.start + s.duration));
    }
    return this.step;
  }
  pause(now) {
    if (this.paused) return;
    this.update(now);
    if (!this.ended) this.pausedAt = now;
  }
  resume(now) {
    if (!this.paused || this.ended) return;
    this.origin += now - this.pausedAt;
    this.pausedFor += now - this.pausedAt;
    this.pausedAt = null;
  }
  jump(now, index) {
    this.go(index);
    this.waiting = false;
    this.origin = this.at(now) - this.steps[index].start;
    this.creditedUntil = this.steps[index].start;
  }
  jumpOrFinish(now, index) {
    if (index !== null && index < this.steps.length) this.jump(now, index);
    else this.end(now, true);
  }
  next(now) {
    const step = this.update(now);
    if (!this.ended) this.jumpOrFinish(now, step.index + 1);
  }
  back(now) {
    const step = this.update(now);
    if (this.ended) return;
    const into = this.elapsed(now) - step.start;
    this.hurtEnded = false;
    this.jump(now, into > BACK_RESTARTS_WITHIN || step.index === 0 ? step.index : step.index - 1);
  }
  // The person is in position: the step after this get-ready starts now. False elsewhere.
  ready(now) {
    const step = this.update(now);
    if (this.ended || step.kind !== "ready") return false;
    this.jumpOrFinish(now, step.index + 1);
    return true;
  }
  hurt(now, { spread = false } = {}) {
    const step = this.update(now);
    const id = step.exercise_id;
    if (!id || this.ended) return null;
    const t = this.tallies.get(id);
    if (spread) t.spread = true;
    else t.hurt = true;
    t.side = step.side || "";
    const rest = this.steps.slice(step.index).filter((s) => s.exercise_id !== id);
    this.hurtEnded = !rest.some((s) => s.exercise_id);
    this.jumpOrFinish(now, rest.length ? rest[0].index : null);
    return id;
  }
  // A Thigh Test answer in a resting step; the step's ending answer ("top") ends that side,
  // which then counts as rested in full. False outside a resting step.
  thigh(now, answer) {
    if (!THIGH_ANSWERS.includes(answer)) throw new Error(`a thigh answer is one of ${THIGH_ANSWERS.join(", ")}`);
    const step = this.update(now);
    if (this.ended || step.kind !== "open" || !step.exercise_id) return false;
    const at = this.elapsed(now);
    this.checks.push({ side: step.side || "", at: whole(at - step.start), answer });
    if (answer === step.check_ends_on) {
      this.tallies.get(step.exercise_id).excused += step.start + step.duration - at;
      this.jumpOrFinish(now, step.index + 1);
    }
    return true;
  }
  stop(now) {
    this.update(now);
    if (!this.ended) this.end(now, false);
  }
  exerciseResults() {
    const reached = new Set(this.steps.slice(0, this.furthest + 1).map((s) => s.exercise_id));
    const exercises = [];
    for (const [id, t] of this.tallies) {
      if (!this.finished && !reached.has(id)) continue;
      const held = whole(t.held);
      let outcome = t.hurt ? "hurt" : "done";
      if (!t.hurt && whole(t.held + t.excused) < t.planned) outcome = "skipped";
      exercises.push({ spread: t.spread, exercise_id: id, outcome, held_seconds: Math.min(held, t.planned), planned_seconds: t.planned, side: t.side });
    }
    return exercises;
  }
  result(now) {
    this.update(now);
    const end = this.endedAt ?? this.at(now);
    return {
      routine_id: this.routineId,
      started_at: this.startedAt.toISOString(),
      ended_at: new Date(this.startedAt.getTime() + (end - this.started) * 1000).toISOString(),
      completed: this.finished,
      planned_seconds: this.total,
      practised_seconds: whole(this.practised(now)),
      exercises: this.exerciseResults(),
      checks: this.checks.map((c) => ({ ...c })),
    };
  }
}
