// The agent's view of the call in hand: stress now, live hints and knowledge-base suggestions (`guidance` messages),
// the customer's history (from the call's `call_started`) and any hand-off packet the call arrived with (`handoff`).

import { api, connectFeed, el } from './api.js';
import * as model from './model.js';
import { packetView } from './packet.js';
import { ensureSession } from './session.js';

const $ = (id) => document.getElementById(id);
const calls = new Map();
let current = null;
let frame = false;

/** The call the agent is on: the latest live one of theirs. */
function pickCurrent() {
  let best = null;
  for (const call of calls.values()) if (call.status === 'live' && (!best || call.startedAt > best.startedAt)) best = call;
  return best;
}

function schedule() {
  if (frame) return;
  frame = true;
  requestAnimationFrame(render);
}

function onMessage(message) {
  const id = model.messageCall(message);
  if (!id) return;
  const change = model.applyMessage(calls, message);
  const call = calls.get(id);
  if (call) {
    if (change.unknown || message.type === 'call_started') loadCall(id);
    if (message.type === 'guidance') {
      call.hints = message.hints ?? [];
      call.articles = message.articles ?? [];
      if (call.hints.length) $('announcer').textContent = `Hint: ${call.hints[0].text}`;
    }
    if (message.type === 'decision' && message.guidance) call.coaching = message.guidance;
    if (message.type === 'handoff') call.handoff = message;
  }
  schedule();
}

/** The call's record and its `call_started` (for the history) from the server. */
async function loadCall(id) {
  try {
    const [detail, outputs] = await Promise.all([api(`/v1/calls/${encodeURIComponent(id)}`), api(`/v1/calls/${encodeURIComponent(id)}/outputs`)]);
    const call = calls.get(id) ?? model.newCall(id);
    const fresh = model.callFromRecord(detail.call);
    Object.assign(call, {
      customer: fresh.customer, agent: fresh.agent, queue: fresh.queue, startedAt: fresh.startedAt, status: fresh.status,
      smoothed: call.smoothed || fresh.smoothed, peak: Math.max(call.peak, fresh.peak),
    });
    call.history = outputs.started?.history ?? call.history ?? null;
    model.applyHistory(call, outputs.outputs);
    for (const record of detail.alerts ?? []) if (!call.alerts.has(record.alertID)) call.alerts.set(record.alertID, model.alertFromRecord(record));
    for (const output of outputs.outputs) {
      if (output.type === 'guidance') {
        call.hints = output.hints ?? [];
        call.articles = output.articles ?? [];
      }
      if (output.type === 'decision' && output.guidance) call.coaching = output.guidance;
    }
    calls.set(id, call);
    schedule();
  } catch {
    // Shown from the feed alone.
  }
}

function render() {
  frame = false;
  const call = pickCurrent();
  $('agent-waiting').hidden = Boolean(call);
  $('agent-call').hidden = !call;
  if (!call) {
    $('agent-title').textContent = 'No call in hand';
    return;
  }
  if (current !== call.id) {
    current = call.id;
    $('agent-title').textContent = `On call with ${call.customer || call.id}`;
  }
  const facts = [
    ['Customer', call.customer || '—'], ['Queue', call.queue || '—'], ['Duration', model.formatDuration(model.callDuration(call, Date.now()))],
    ['Stress', call.smoothed.toFixed(2)], ['Feeling', call.emotion], ['Cues', call.cues.join(', ') || 'none'],
  ];
  $('agent-facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
  $('agent-coaching').textContent = call.coaching ? `Coaching: ${call.coaching}` : '';
  renderAnswer(call);
  const hints = call.hints ?? [];
  $('agent-hints').replaceChildren(
    ...(hints.length
      ? hints.map((hint) => el('li', {}, el('span', { text: hint.text }), hint.because ? el('span', { class: 'because', text: ` — because ${hint.because}` }) : ''))
      : [el('li', { class: 'muted', text: 'No hints right now.' })]),
  );
  const articles = call.articles ?? [];
  $('agent-articles').replaceChildren(
    ...(articles.length
      ? articles.map((article) => el('li', {}, el('strong', { text: article.title }), el('br'), el('span', { class: 'muted', text: article.snippet ?? '' })))
      : [el('li', { class: 'muted', text: 'No suggestions yet.' })]),
  );
  const history = call.history;
  $('agent-history').replaceChildren(
    history
      ? el(
          'dl', { class: 'packet' },
          [
            ['Contacts (30 days)', history.contacts30d ?? 0], ['Escalations (90 days)', history.escalations90d ?? 0], ['Open follow-ups', history.openFollowUps ?? 0],
            ['Last sentiment', history.lastSentiment ?? '—'], ['Repeat issue', history.repeatIssue ? 'yes' : 'no'], ['Segment', history.segment ?? '—'],
          ].flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: String(value) })]),
        )
      : el('p', { class: 'muted', text: 'No history sent with this call.' }),
  );
  const handoff = call.handoff;
  $('agent-handoff').replaceChildren(
    handoff
      ? el('div', {}, el('p', {}, el('strong', { text: `From ${handoff.target ?? 'a colleague'}: ` }), handoff.reason ?? ''), el('p', {}, el('code', { text: handoff.compact ?? '' })),
          packetView(handoff.packet))
      : el('p', { class: 'muted', text: 'This call did not arrive with a hand-off packet.' }),
  );
}

/** The open coaching alert of the call, the latest first: the agent says whether it helped. */
function openCoaching(call) {
  return [...call.alerts.values()].filter((alert) => alert.tier === 'coach' && alert.state === 'open').at(-1) ?? null;
}

let answerShown = '';
/** What became of the agent's last answer, shown until a new coaching alert asks again. */
let lastAnswer = '';

/**
 * "Did this coaching help?" for the call's open coaching alert: Helpful (`useful`) or Not helpful (`dismissed`), sent
 * as the agent's acknowledgement, so that coaching precision has answers. Redrawn only when the alert changes, so that
 * a click is never lost to the once-a-second refresh.
 */
function renderAnswer(call) {
  const alert = openCoaching(call);
  const key = alert ? `${alert.id}:${alert.state}` : `answered:${lastAnswer}`;
  if (key === answerShown) return;
  answerShown = key;
  const box = $('agent-answer');
  if (!alert) {
    box.replaceChildren(...(lastAnswer ? [el('span', { class: 'muted', role: 'status', text: lastAnswer })] : []));
    return;
  }
  const note = el('span', { class: 'muted', role: 'status' });
  const answer = (outcome, label) => {
    const button = el('button', { type: 'button', text: label });
    button.addEventListener('click', async () => {
      for (const each of box.querySelectorAll('button')) each.disabled = true;
      try {
        await api(`/v1/alerts/${encodeURIComponent(alert.id)}/ack`, { method: 'POST', body: { outcome } });
        Object.assign(alert, { state: 'acknowledged', outcome });
        lastAnswer = 'Thanks, recorded.';
        note.textContent = lastAnswer;
        schedule();
      } catch (error) {
        note.textContent = `Not recorded: ${error.message}`;
        for (const each of box.querySelectorAll('button')) each.disabled = false;
      }
    });
    return button;
  };
  box.replaceChildren(el('span', { text: 'Did this coaching help? ' }), answer('useful', 'Helpful'), ' ', answer('dismissed', 'Not helpful'), ' ', note);
}

async function start() {
  await ensureSession($('page-signin'));
  $('page-agent').hidden = false;
  $('agent-title').focus();
  const live = await api('/v1/calls?status=live&limit=50');
  for (const record of live.calls) {
    calls.set(record.callID, model.callFromRecord(record));
    loadCall(record.callID);
  }
  schedule();
  setInterval(schedule, 1000);
  connectFeed(onMessage, (state) => {
    $('connection').textContent = state === 'live' ? 'Live' : 'Reconnecting…';
    $('connection').className = `connection ${state}`;
  });
}

start().catch((error) => {
  $('main').append(el('p', { class: 'error', role: 'alert', text: `The agent view could not start: ${error.message}` }));
});
