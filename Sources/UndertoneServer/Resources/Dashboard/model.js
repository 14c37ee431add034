// The wall's state and its rules, as pure functions: no DOM, no network. The browser test calls them directly.

/** Tiers in rising order of gravity. */
export const TIER_RANK = Object.freeze({ coach: 1, supervisor: 2, manager: 3 });

/** Emotions that count as trouble, in the order a badge prefers them when scores tie. */
const TROUBLE = ['frustration', 'anxiety', 'confusion', 'sadness'];

/** Cues that say what is wrong in words the emotion model can miss ("im cancelling", "get me your manager"). */
const ANGRY_CUES = new Set(['cancel_threat', 'supervisor_request', 'legal_threat', 'repeat_contact', 'abuse', 'profanity', 'stated_anger', 'sarcasm']);

/** Stress from which a call is never shown as neutral or satisfied. */
export const HIGH_STRESS = 0.5;

/** How many stress readings a sparkline keeps. */
export const SPARK_POINTS = 24;

/** A call as the wall holds it, from a `GET /v1/calls` record or a `call_started` message. */
export function newCall(id) {
  return {
    id, customer: '', agent: '', queue: '', team: '', channel: '', startedAt: Date.now(), lastAt: 0,
    stress: 0, smoothed: 0, peak: 0, trend: 0, emotion: 'neutral', cues: [], spark: [], alerts: new Map(),
    status: 'live', history: null,
  };
}

/** Fills a call from a `CallRecord` (REST). */
export function callFromRecord(record) {
  const call = newCall(record.callID);
  call.customer = record.customerID ?? '';
  call.agent = record.agentID ?? '';
  call.queue = record.queue ?? '';
  call.team = record.team ?? '';
  call.channel = record.channel ?? '';
  call.startedAt = Date.parse(record.startedAt) || Date.now();
  call.lastAt = record.lastAt ?? 0;
  call.stress = record.stress ?? 0;
  call.smoothed = record.smoothedStress ?? 0;
  call.peak = record.peakStress ?? 0;
  call.status = record.status ?? 'live';
  if (call.smoothed > 0) call.spark.push(call.smoothed);
  return call;
}

/** The gravest tier among a call's open alerts (0 when none). */
export function openTierRank(call) {
  let rank = 0;
  for (const alert of call.alerts.values()) {
    if (alert.state === 'open') rank = Math.max(rank, TIER_RANK[alert.tier] ?? 0);
  }
  return rank;
}

/** The gravest tier any alert of the call reached, open or not (0 when none). */
export function highestTierRank(call) {
  let rank = 0;
  for (const alert of call.alerts.values()) rank = Math.max(rank, TIER_RANK[alert.tier] ?? 0);
  return rank;
}

/**
 * Risk order for the wall: calls with a graver open alert first; then higher smoothed stress; then higher peak; then
 * the call id, so that equal calls keep a stable order.
 */
export function compareByRisk(a, b) {
  return (openTierRank(b) - openTierRank(a)) || (b.smoothed - a.smoothed) || (b.peak - a.peak) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The emotion a badge shows: the strongest trouble emotion when it reaches 0.35. Else the turn's cues name the trouble
 * the emotion model can miss — confusion; anger for a threat to cancel, abuse, a request for a manager — and a call at
 * high stress (`stress`, the turn's or the smoothed one) shows its strongest trouble emotion: neither is ever shown calm.
 * Otherwise satisfaction or neutral.
 */
export function dominantEmotion(emotions, { stress = 0, cues = [] } = {}) {
  let best = TROUBLE[0];
  for (const name of TROUBLE) {
    if ((emotions?.[name] ?? 0) > (emotions?.[best] ?? 0)) best = name;
  }
  if ((emotions?.[best] ?? 0) >= 0.35) return best;
  const kinds = cues.map((cue) => (typeof cue === 'string' ? cue : cue.kind));
  if (kinds.includes('confusion')) return 'confusion';
  if (kinds.some((kind) => ANGRY_CUES.has(kind))) return 'frustration';
  if (stress >= HIGH_STRESS) return best;
  return (emotions?.satisfaction ?? 0) >= 0.5 ? 'satisfaction' : 'neutral';
}

/** A customer signal's reading on the call: stress, trend, peak, emotion, cues and a point of the sparkline. */
export function applySignal(call, signal) {
  call.stress = signal.stress ?? call.stress;
  call.smoothed = signal.smoothedStress ?? call.smoothed;
  call.trend = signal.trend ?? call.trend;
  call.peak = Math.max(call.peak, call.stress);
  call.cues = rememberCues(call.cues, signal.cues ?? []);
  call.emotion = dominantEmotion(signal.emotions, { stress: Math.max(call.stress, call.smoothed), cues: signal.cues ?? [] });
  call.spark.push(call.smoothed);
  if (call.spark.length > SPARK_POINTS) call.spark.splice(0, call.spark.length - SPARK_POINTS);
}

/**
 * Fills a call the wall met late (loaded from `GET /v1/calls`) from its past outputs (`GET /v1/calls/{id}/outputs`):
 * the sparkline of its last readings, its emotion and cues, as if the page had watched it from the start.
 */
export function applyHistory(call, outputs) {
  const signals = outputs.filter((output) => output.type === 'signal' && output.speaker === 'customer');
  if (signals.length === 0) return;
  call.spark = [];
  call.cues = [];
  for (const signal of signals) applySignal(call, signal);
}

/** How long a call has lasted: wall-clock time since it started, or its event time if further (a recorded call sent at once). */
export function callDuration(call, now) {
  return Math.max(now - call.startedAt, call.lastAt ?? 0);
}

/** How many recent cues a row lists. */
export const CUES_SHOWN = 4;

/** Adds a turn's cues to a call's recent ones: distinct, newest first, at most `CUES_SHOWN`. */
export function rememberCues(recent, cues) {
  const kinds = cues.map((cue) => cue.kind).filter(Boolean);
  return [...new Set([...kinds, ...recent])].slice(0, CUES_SHOWN);
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const AROUND_A_CALL = new Set(['call_ended', 'handoff', 'follow_up', 'guidance', 'routing']);

/** The call a feed message belongs to (events say `call`, engine outputs `callID`). */
export function messageCall(message) {
  return message.call ?? message.callID ?? null;
}

/**
 * Applies one live-feed message to the wall's state (a Map of calls by id). Returns what changed:
 * `{call, alert, removed, unknown}` — `unknown` when the message names a call the wall has not seen (its
 * `call_started` was missed: the caller fetches it).
 */
export function applyMessage(calls, message) {
  const id = messageCall(message);
  const change = { call: id, alert: null, removed: false, unknown: false };
  if (!id) return change;
  let call = calls.get(id);
  if (message.type === 'call_started') {
    if (!call) {
      call = newCall(id);
      calls.set(id, call);
    }
    call.customer = message.customer ?? call.customer;
    call.agent = message.agent ?? call.agent;
    call.queue = message.queue ?? call.queue;
    call.team = message.team ?? call.team;
    call.channel = message.channel ?? call.channel;
    call.history = message.history ?? call.history;
    call.startedAt = Date.now() - (message.at ?? 0);
    return change;
  }
  if (!call) {
    // Messages about what happens around a call (its end, a hand-off, a follow-up, guidance) do not make it live.
    if (AROUND_A_CALL.has(message.type)) return change;
    call = newCall(id);
    calls.set(id, call);
    change.unknown = true;
  }
  if (typeof message.at === 'number') call.lastAt = Math.max(call.lastAt, message.at);
  switch (message.type) {
    case 'signal':
      if (message.speaker !== 'customer') break;
      applySignal(call, message);
      break;
    case 'decision': {
      // A climb closes the alert that went unacknowledged; the one it climbed to carries on.
      const superseded = message.climbedFrom ? call.alerts.get(message.climbedFrom) : null;
      if (superseded && superseded.state !== 'resolved') Object.assign(superseded, { state: 'resolved', outcome: 'climbed', by: 'undertone' });
      const existing = call.alerts.get(message.alertID);
      if (message.kind === 'folded' && existing) {
        existing.folded = (existing.folded ?? 0) + 1;
      } else {
        call.alerts.set(message.alertID, {
          id: message.alertID, call: id, tier: message.tier, rule: message.rule, state: 'open', reasons: message.reasons ?? [],
          guidance: message.guidance ?? null, raisedAt: message.at, kind: message.kind, folded: existing?.folded ?? 0,
        });
      }
      change.alert = message.alertID;
      break;
    }
    case 'alert_ack': {
      const alert = call.alerts.get(message.alert);
      if (alert) {
        alert.state = message.outcome === 'resolved' ? 'resolved' : 'acknowledged';
        alert.outcome = message.outcome;
        alert.by = message.by;
        change.alert = message.alert;
      }
      break;
    }
    case 'call_ended':
      call.status = 'ended';
      for (const alert of call.alerts.values()) if (alert.state !== 'resolved') alert.state = 'resolved';
      change.removed = true;
      break;
    default:
      break;
  }
  return change;
}

/** An alert from `GET /v1/alerts` in the wall's shape. */
export function alertFromRecord(record) {
  let decision = {};
  try {
    decision = JSON.parse(record.decision);
  } catch {
    decision = {};
  }
  return {
    id: record.alertID, call: record.callID, tier: record.tier, rule: record.rule, state: record.state, reasons: decision.reasons ?? [],
    guidance: decision.guidance ?? null, raisedAt: record.raisedAt, kind: decision.kind ?? 'raised', folded: record.folded ?? 0,
    outcome: record.outcome ?? null, by: record.acknowledgedBy ?? null,
  };
}

/** One line for a decision's reasons: `condition (observed)`, joined. */
export function describeReasons(reasons) {
  return (reasons ?? []).map((reason) => `${reason.condition} (${reason.observed})`).join('; ');
}
