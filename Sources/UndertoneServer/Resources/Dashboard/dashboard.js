// The supervisor's dashboard: sign-in, the live wall with its alert feed, a call's drill-down and analytics.
// Live messages only change state; the DOM is brought up to date once per animation frame, row by row (keyed by call),
// so that hundreds of live calls cost a few DOM writes per frame rather than a re-render per message.

import { ApiError, api, connectFeed, el } from './api.js';
import { barChart, createSparkline, legend, timelineChart, updateSparkline } from './chart.js';
import * as model from './model.js';
import { createFollowUpsPage, followUpActions, isOverdue } from './followups.js';
import { packetView } from './packet.js';
import { createWebhooksPage } from './webhooks.js';
import { ensureSession } from './session.js';

const wall = {
  calls: new Map(),
  rows: new Map(),
  alertItems: new Map(),
  dirtyCalls: new Set(),
  dirtyAlerts: false,
  frameRequested: false,
  pendingReceipts: [],
  fetching: new Set(),
  /** Figures for the browser test and for anyone curious in the developer tools. */
  stats: { messages: 0, flushes: 0, lags: [], firstRendered: new Map() },
};
const announcements = [];
let me = null;
let followUps = null;
let webhooks = null;
window.undertone = { model, wall };

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- the live wall

function scheduleFlush() {
  if (wall.frameRequested) return;
  wall.frameRequested = true;
  requestAnimationFrame(flush);
}

function markCall(id, receivedAt) {
  wall.dirtyCalls.add(id);
  if (receivedAt !== undefined) wall.pendingReceipts.push(receivedAt);
  scheduleFlush();
}

function onFeedMessage(message, receivedAt) {
  wall.stats.messages += 1;
  const change = model.applyMessage(wall.calls, message);
  if (!change.call) return;
  const call = wall.calls.get(change.call);
  if (call) call.seenAt = Date.now();
  if (change.unknown) fetchCall(change.call);
  if (message.type === 'follow_up') followUps?.apply(message);
  // The live transcript of the call on screen: partial turns as they come, replaced by their finals.
  if ((message.type === 'turn' || message.type === 'transcription') && openCallID === change.call && !$('page-call').hidden) showLiveWords(message);
  // A hand-off or follow-up for the call on screen: show it.
  if ((message.type === 'handoff' || message.type === 'follow_up') && openCallID === change.call && !$('page-call').hidden) refreshDrillDown(change.call);
  if (change.alert) {
    wall.dirtyAlerts = true;
    if (message.type === 'decision' && message.kind !== 'folded') announce(call, call.alerts.get(change.alert));
  }
  markCall(change.call, receivedAt);
}

/** A message named a call whose `call_started` this page missed (it loaded late, or the feed dropped it). */
async function fetchCall(id) {
  if (wall.fetching.has(id)) return;
  wall.fetching.add(id);
  try {
    const detail = await api(`/v1/calls/${encodeURIComponent(id)}`);
    const call = wall.calls.get(id);
    if (!call) return;
    const fresh = model.callFromRecord(detail.call);
    Object.assign(call, { customer: fresh.customer, agent: fresh.agent, queue: fresh.queue, team: fresh.team, startedAt: fresh.startedAt });
    if (fresh.status === 'ended') model.applyMessage(wall.calls, { type: 'call_ended', call: id });
    for (const record of detail.alerts) if (!call.alerts.has(record.alertID)) call.alerts.set(record.alertID, model.alertFromRecord(record));
    wall.dirtyAlerts = true;
    markCall(id);
    loadHistories([id]);
  } catch {
    // The next message for it tries again.
  } finally {
    wall.fetching.delete(id);
  }
}

/**
 * Gives calls the page met late their past readings — the sparkline, the emotion, the cues — from the log, a few
 * requests at a time (a call seen only from now on would show an empty trend and a neutral face).
 */
function loadHistories(ids) {
  const queue = [...ids];
  const worker = async () => {
    while (queue.length > 0) {
      const id = queue.shift();
      try {
        const answer = await api(`/v1/calls/${encodeURIComponent(id)}/outputs?types=signal`);
        const call = wall.calls.get(id);
        if (!call) continue;
        model.applyHistory(call, answer.outputs);
        markCall(id);
      } catch {
        // The feed's readings fill it from now on.
      }
    }
  };
  for (let i = 0; i < Math.min(4, queue.length); i += 1) worker();
}

function flush() {
  wall.frameRequested = false;
  const now = performance.now();
  for (const receivedAt of wall.pendingReceipts) wall.stats.lags.push(now - receivedAt);
  if (wall.stats.lags.length > 5000) wall.stats.lags.splice(0, wall.stats.lags.length - 5000);
  wall.pendingReceipts.length = 0;
  wall.stats.flushes += 1;
  const body = $('wall-body');
  for (const id of wall.dirtyCalls) {
    const call = wall.calls.get(id);
    if (!call || call.status === 'ended') {
      wall.rows.get(id)?.row.remove();
      wall.rows.delete(id);
      if (call) wall.calls.delete(id);
      continue;
    }
    let row = wall.rows.get(id);
    if (!row) {
      row = createRow(call);
      wall.rows.set(id, row);
      if (!wall.stats.firstRendered.has(id)) wall.stats.firstRendered.set(id, Date.now());
    }
    updateRow(row, call);
  }
  if (wall.dirtyCalls.size > 0) reorderRows(body);
  wall.dirtyCalls.clear();
  if (wall.dirtyAlerts) renderAlerts();
  wall.dirtyAlerts = false;
  $('wall-count').textContent = String(wall.rows.size);
  $('wall-empty').hidden = wall.rows.size > 0;
  flushAnnouncements();
}

function createRow(call) {
  const link = el('a', { href: `#/call/${encodeURIComponent(call.id)}`, class: 'call-link' });
  const risk = el('span', { class: 'tier-badge' });
  const gauge = el('meter', { min: 0, max: 1, low: 0.4, high: 0.7, optimum: 0, value: 0, 'aria-label': 'stress' });
  const gaugeText = el('span', { class: 'gauge-value' });
  const emotion = el('span', { class: 'emotion' });
  const spark = createSparkline();
  const cues = el('span', { class: 'cues' });
  const cells = {
    risk: el('td', {}, risk), customer: el('th', { scope: 'row' }, link), agent: el('td'), queue: el('td'), duration: el('td', { class: 'num' }),
    stress: el('td', { class: 'stress' }, gauge, gaugeText), emotion: el('td', {}, emotion), spark: el('td', {}, spark), cues: el('td', {}, cues),
  };
  const row = el('tr', { 'data-call': call.id }, Object.values(cells));
  return { row, link, risk, gauge, gaugeText, emotion, spark, cues, cells, last: {} };
}

/** Writes only what changed since the row was last drawn. */
function updateRow(view, call) {
  const rank = model.openTierRank(call);
  const tier = ['', 'coach', 'supervisor', 'manager'][rank];
  const values = {
    tier, customer: call.customer || call.id, agent: call.agent || '—', queue: call.queue || '—', stress: call.smoothed.toFixed(2),
    emotion: call.emotion, cues: call.cues.join(', '), spark: call.spark.join(','),
  };
  const last = view.last;
  if (last.tier !== values.tier) {
    view.risk.textContent = tier || 'calm';
    view.risk.className = `tier-badge ${tier || 'none'}`;
    view.row.className = tier ? `risk-${tier}` : '';
  }
  if (last.customer !== values.customer) view.link.textContent = values.customer;
  if (last.agent !== values.agent) view.cells.agent.textContent = values.agent;
  if (last.queue !== values.queue) view.cells.queue.textContent = values.queue;
  if (last.stress !== values.stress) {
    view.gauge.value = call.smoothed;
    view.gaugeText.textContent = values.stress;
  }
  if (last.emotion !== values.emotion) {
    view.emotion.textContent = values.emotion;
    view.emotion.className = `emotion ${values.emotion}`;
  }
  if (last.spark !== values.spark) updateSparkline(view.spark, call.spark);
  if (last.cues !== values.cues) view.cues.textContent = values.cues;
  updateDuration(view, call);
  view.last = values;
}

function updateDuration(view, call) {
  const text = model.formatDuration(model.callDuration(call, Date.now()));
  if (view.last.duration !== text) {
    view.cells.duration.textContent = text;
    view.last.duration = text;
  }
}

/** Puts the rows in risk order, moving only the rows that are out of place. */
function reorderRows(body) {
  const ordered = [...wall.rows.keys()].map((id) => wall.calls.get(id)).sort(model.compareByRisk);
  let cursor = body.firstElementChild;
  for (const call of ordered) {
    const row = wall.rows.get(call.id).row;
    if (row === cursor) cursor = cursor.nextElementSibling;
    else body.insertBefore(row, cursor);
  }
}

// ---------------------------------------------------------------- alerts

function allAlerts() {
  const alerts = [];
  for (const call of wall.calls.values()) for (const alert of call.alerts.values()) if (alert.state !== 'resolved') alerts.push(alert);
  const stateRank = { open: 0, acknowledged: 1 };
  alerts.sort(
    (a, b) => (stateRank[a.state] - stateRank[b.state]) || ((model.TIER_RANK[b.tier] ?? 0) - (model.TIER_RANK[a.tier] ?? 0)) || (a.id < b.id ? -1 : 1),
  );
  return alerts;
}

const ALERT_LIMIT = 200;

function renderAlerts() {
  const alerts = allAlerts();
  const list = $('alert-list');
  const shown = alerts.slice(0, ALERT_LIMIT);
  const keep = new Set(shown.map((alert) => alert.id));
  for (const [id, item] of wall.alertItems) {
    if (!keep.has(id)) {
      item.node.remove();
      wall.alertItems.delete(id);
    }
  }
  let cursor = list.firstElementChild;
  for (const alert of shown) {
    let item = wall.alertItems.get(alert.id);
    const key = `${alert.state}|${alert.tier}|${alert.folded}|${alert.note ?? ''}`;
    if (!item) {
      item = { node: el('li'), key: '' };
      wall.alertItems.set(alert.id, item);
    }
    if (item.key !== key) {
      fillAlert(item.node, alert, true);
      item.key = key;
    }
    if (item.node === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(item.node, cursor);
  }
  $('alerts-empty').hidden = alerts.length > 0;
  $('wall-open').textContent = String(alerts.filter((alert) => alert.state === 'open').length);
}

/** An alert's card: tier, rule, reasons, state and the actions the caller may take. */
function fillAlert(node, alert, withCallLink) {
  const call = wall.calls.get(alert.call);
  node.className = `alert tier-${alert.tier} state-${alert.state}`;
  node.dataset.alert = alert.id;
  const title = el('p', { class: 'alert-title' }, el('span', { class: `tier-badge ${alert.tier}`, text: alert.tier }), ' ', el('strong', { text: alert.rule }));
  if (withCallLink) {
    title.append(' · ', el('a', { href: `#/call/${encodeURIComponent(alert.call)}`, text: call?.customer || alert.call }));
  }
  const state = el('p', { class: 'alert-state' }, `${alert.state}${alert.outcome && alert.outcome !== alert.state ? ` (${alert.outcome})` : ''}`);
  if (alert.by) state.append(` by ${alert.by}`);
  if (alert.folded) state.append(` · ${alert.folded} more since`);
  const reasons = el('p', { class: 'reasons', text: model.describeReasons(alert.reasons) || 'no reasons recorded' });
  const actions = el('div', { class: 'actions', role: 'group', 'aria-label': `Actions on the ${alert.tier} alert ${alert.rule}` });
  const supervisor = me && me.role !== 'agent';
  if (supervisor && alert.state === 'open') actions.append(button('Acknowledge', () => acknowledge(alert, 'ack'), 'primary'));
  if (supervisor) {
    for (const [label, verb] of [['Listen', 'listen'], ['Whisper', 'whisper'], ['Take over', 'take over']]) {
      actions.append(button(label, () => recordAction(alert, verb)));
    }
    actions.append(button('Resolve', () => acknowledge(alert, 'resolve')));
  }
  const note = el('p', { class: 'alert-note', role: 'status', text: alert.note ?? '' });
  node.replaceChildren(title, state, reasons, alert.guidance ? el('p', { class: 'guidance', text: `Coaching: ${alert.guidance}` }) : '', actions, note);
}

function button(label, action, cls = '') {
  return el('button', { type: 'button', class: cls, onclick: action, text: label });
}

async function acknowledge(alert, how) {
  try {
    const path = how === 'ack' ? `/v1/alerts/${encodeURIComponent(alert.id)}/ack` : `/v1/alerts/${encodeURIComponent(alert.id)}/resolve`;
    const answer = await api(path, { method: 'POST', body: how === 'ack' ? { outcome: 'acknowledged' } : undefined });
    alert.state = how === 'ack' ? 'acknowledged' : 'resolved';
    alert.outcome = answer.outcome;
    alert.by = me?.subject ?? me?.name;
    alert.note = how === 'ack' ? 'Acknowledged.' : 'Resolved.';
  } catch (error) {
    alert.note = `Could not ${how === 'ack' ? 'acknowledge' : 'resolve'}: ${error.message}`;
  }
  wall.dirtyAlerts = true;
  markCall(alert.call);
  refreshCallAlertsIfOpen(alert.call);
}

/** Listen, whisper and take-over: recorded on the call's log as a note; the audio is joined in the telephony system. */
async function recordAction(alert, verb) {
  const call = wall.calls.get(alert.call);
  const at = (call?.lastAt ?? alert.raisedAt ?? 0) + Math.max(0, Date.now() - (call?.seenAt ?? Date.now()));
  const note = `supervisor ${me?.subject ?? me?.name}: ${verb} (from the dashboard, alert ${alert.id})`;
  const event = { v: 1, type: 'agent_action', call: alert.call, at, action: 'note', note };
  try {
    await api('/v1/events', { method: 'POST', body: JSON.stringify(event) });
    alert.note = `“${verb}” recorded on the call's log. Join the audio from your telephony console.`;
  } catch (error) {
    alert.note = `Could not record “${verb}”: ${error.message}`;
  }
  wall.dirtyAlerts = true;
  scheduleFlush();
  refreshCallAlertsIfOpen(alert.call);
}

function announce(call, alert) {
  if (!alert) return;
  announcements.push(`${alert.tier} alert: ${alert.rule} on ${call?.customer || alert.call}`);
}

/** One announcement per frame at most, and a summary when many arrive together (500 calls must not flood a reader). */
function flushAnnouncements() {
  if (announcements.length === 0) return;
  const text = announcements.length === 1 ? announcements[0] : `${announcements.length} new alerts; the first: ${announcements[0]}`;
  announcements.length = 0;
  $('announcer').textContent = text;
}

// ---------------------------------------------------------------- loading the wall

async function loadWall() {
  const [calls, alerts] = await Promise.all([api('/v1/calls?status=live&limit=5000'), api('/v1/alerts?limit=5000')]);
  const seen = new Set();
  const met = [];
  for (const record of calls.calls) {
    seen.add(record.callID);
    const existing = wall.calls.get(record.callID);
    const fresh = model.callFromRecord(record);
    if (existing) {
      Object.assign(existing, { stress: fresh.stress, smoothed: fresh.smoothed, peak: Math.max(existing.peak, fresh.peak), lastAt: fresh.lastAt });
    } else {
      fresh.seenAt = Date.now();
      wall.calls.set(record.callID, fresh);
      met.push(record.callID);
    }
    markCall(record.callID);
  }
  loadHistories(met);
  // Calls that ended while the feed was away.
  for (const [id, call] of wall.calls) {
    if (!seen.has(id)) {
      call.status = 'ended';
      markCall(id);
    }
  }
  for (const record of alerts.alerts) {
    const call = wall.calls.get(record.callID);
    if (call) call.alerts.set(record.alertID, model.alertFromRecord(record));
  }
  wall.dirtyAlerts = true;
  scheduleFlush();
}

function setConnection(state) {
  const node = $('connection');
  node.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
  node.className = `connection ${state}`;
  if (state === 'live') loadWall().catch((error) => (node.textContent = `Live (could not load calls: ${error.message})`));
}

function onWallKey(event) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...document.querySelectorAll('#wall-body a.call-link')];
  const index = links.indexOf(document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  links[Math.min(links.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))].focus();
}

// ---------------------------------------------------------------- drill-down

let openCallID = null;

async function showCall(id) {
  openCallID = id;
  $('call-title').textContent = `Call ${id}`;
  $('call-error').textContent = '';
  for (const part of ['call-facts', 'call-timeline', 'call-alerts', 'call-transcript', 'call-handoff', 'call-followups']) {
    $(part).replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
  }
  const path = `/v1/calls/${encodeURIComponent(id)}`;
  const [detail, transcript, outputs, handoff, followUps] = await Promise.allSettled([
    api(path), api(`${path}/transcript`), api(`${path}/outputs`), api(`${path}/handoff`), api(`/v1/follow-ups?call=${encodeURIComponent(id)}`),
  ]);
  if (openCallID !== id) return;
  if (detail.status === 'rejected') {
    $('call-error').textContent = `Could not load the call: ${detail.reason.message}`;
    return;
  }
  renderFacts(detail.value.call);
  renderCallAlerts(detail.value.alerts.map(model.alertFromRecord));
  renderTimeline(outputs.status === 'fulfilled' ? outputs.value : null, outputs.status === 'rejected' ? outputs.reason : null);
  renderTranscript(transcript);
  renderHandoff(handoff);
  renderFollowUps(followUps);
}

function renderFacts(call) {
  $('call-title').textContent = `Call ${call.callID} — ${call.customerID}`;
  const facts = [
    ['Status', call.status], ['Channel', call.channel], ['Queue', call.queue], ['Agent', call.agentID ?? '—'], ['Team', call.team ?? '—'],
    ['Started', new Date(call.startedAt).toLocaleString()], ['Stress now', call.smoothedStress.toFixed(2)], ['Peak', call.peakStress.toFixed(2)],
    ['Highest tier', call.highestTier ?? 'none'], ['Open alerts', String(call.openAlerts)],
  ];
  $('call-facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
}

function renderCallAlerts(alerts) {
  const list = $('call-alerts');
  list.replaceChildren();
  for (const alert of alerts) {
    const live = wall.calls.get(alert.call)?.alerts.get(alert.id);
    const node = el('li');
    fillAlert(node, live ?? alert, false);
    list.append(node);
  }
  if (alerts.length === 0) list.append(el('li', { class: 'muted', text: 'No alerts on this call.' }));
}

let drillDownRefresh = null;

/** Reloads the drill-down at most once a second while messages for it keep coming. */
function refreshDrillDown(callID) {
  if (drillDownRefresh) return;
  drillDownRefresh = setTimeout(() => {
    drillDownRefresh = null;
    if (openCallID === callID) showCall(callID).catch(() => {});
  }, 1000);
}

async function refreshCallAlertsIfOpen(callID) {
  if (openCallID !== callID || $('page-call').hidden) return;
  try {
    const detail = await api(`/v1/calls/${encodeURIComponent(callID)}`);
    renderCallAlerts(detail.alerts.map(model.alertFromRecord));
  } catch {
    // The wall's copy stays.
  }
}

function renderTimeline(answer, failure) {
  const box = $('call-timeline');
  if (!answer) {
    box.replaceChildren(el('p', { class: 'error', text: `No timeline: ${failure?.message ?? 'unavailable'}` }));
    return;
  }
  const text = [];
  const voice = [];
  const markers = [];
  for (const output of answer.outputs) {
    if (output.type === 'signal' && output.speaker === 'customer') text.push({ x: output.at, y: output.stress });
    if (output.type === 'voice' && output.track === 'customer' && typeof output.vocalStress === 'number') voice.push({ x: output.at, y: output.vocalStress });
    if (output.type === 'decision') {
      markers.push({
        x: output.at, cls: output.tier, label: `${output.tier} · ${output.rule} (${output.kind})`, detail: model.describeReasons(output.reasons) || 'no reasons',
      });
    }
  }
  const series = [
    { name: 'Text stress (customer)', cls: 'text', points: text },
    { name: 'Voice arousal (customer)', cls: 'voice', points: voice },
  ];
  const chart = timelineChart({
    series, markers, width: Math.max(320, Math.round(box.clientWidth || 720)), height: 260, label: `Stress over the call: ${text.length} text readings, ${voice.length} voice readings, ${markers.length} decisions`,
    onMarker: (marker) => ($('call-marker').textContent = `${marker.label} at ${Math.round(marker.x / 1000)}s — ${marker.detail}`),
  });
  box.replaceChildren(legend(series), chart);
  if (voice.length === 0) box.append(el('p', { class: 'muted', text: 'No voice readings on this call (text only).' }));
  $('call-marker').textContent = markers.length ? 'Focus or hover a flag to read its reasons.' : 'No decisions on this call.';
}

function renderTranscript(result) {
  const list = $('call-transcript');
  if (result.status === 'rejected') {
    list.replaceChildren(el('li', { class: 'error', text: `Could not load the transcript: ${result.reason.message}` }));
    return;
  }
  const turns = result.value.turns;
  list.replaceChildren(...turns.map(turnItem));
  if (turns.length === 0) list.append(el('li', { class: 'muted empty', text: 'No turns.' }));
}

/** One transcript line; a partial one (the recogniser still listening) is marked as such until its final replaces it. */
function turnItem(turn) {
  const partial = turn.final === false;
  const item = el(
    'li',
    { class: `turn ${turn.speaker}${partial ? ' partial' : ''}` },
    el('span', { class: 'who', text: `${turn.speaker} · ${model.formatDuration(turn.at)}${partial ? ' · …' : ''}` }),
    el('span', { text: turn.text }),
  );
  item.dataset.utterance = turn.utterance;
  return item;
}

/** A `turn` (upserted by utterance: a final replaces its partials, a partial never replaces a final) or a
 * `transcription` notice (the call's words are waiting for the transcriber) from the live feed. */
function showLiveWords(message) {
  const list = $('call-transcript');
  if (message.type === 'transcription') {
    const note = el('li', { class: 'error delayed', text: `Words delayed: an utterance waited ${Math.round(message.waitMs / 100) / 10} s for the transcriber.` });
    list.querySelector('.delayed')?.remove();
    list.append(note);
    return;
  }
  list.querySelector('.empty')?.remove();
  list.querySelector('.delayed')?.remove();
  const held = [...list.children].find((item) => item.dataset.utterance === message.utterance);
  if (held && !held.classList.contains('partial')) return;
  const item = turnItem(message);
  if (held) held.replaceWith(item);
  else list.append(item);
}

function renderHandoff(result) {
  const box = $('call-handoff');
  if (result.status === 'rejected') {
    box.replaceChildren(el('p', { class: 'muted', text: `No hand-off packet: ${result.reason.message}` }));
    return;
  }
  box.replaceChildren(packetView(result.value.packet), el('p', { class: 'compact' }, el('strong', { text: 'Compact form: ' }), el('code', { text: result.value.compact })));
}

function renderFollowUps(result) {
  const box = $('call-followups');
  if (result.status === 'rejected') {
    const missing = result.reason instanceof ApiError && result.reason.status === 404;
    box.replaceChildren(el('p', { class: 'muted', text: missing ? 'None.' : `Could not load follow-ups: ${result.reason.message}` }));
    return;
  }
  const items = result.value.followUps ?? [];
  if (items.length === 0) {
    box.replaceChildren(el('p', { class: 'muted', text: 'None.' }));
    return;
  }
  box.replaceChildren(
    el(
      'ul', { class: 'followups' },
      items.map((item) =>
        el('li', { 'data-followup': item.id }, el('strong', { text: item.state }),
          ` · due ${new Date(item.due).toLocaleString()}${isOverdue(item) ? ' (overdue)' : ''} · owner ${item.owner ?? 'unassigned'} · ${item.reason}`,
          followUpActions(item, me, (updated) => {
            followUps?.apply(updated);
            renderFollowUps({ status: 'fulfilled', value: { followUps: items.map((other) => (other.id === updated.id ? updated : other)) } });
          })),
      ),
    ),
  );
}

// ---------------------------------------------------------------- analytics

function toLocalInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function percent(value) {
  return value === null || value === undefined ? 'n/a' : `${Math.round(value * 100)}%`;
}

async function showAnalytics() {
  if (!$('report-from').value) {
    const now = new Date();
    $('report-to').value = toLocalInput(new Date(now.getTime() + 60 * 60_000));
    $('report-from').value = toLocalInput(new Date(now.getTime() - 24 * 60 * 60_000));
  }
  await loadReport();
}

async function loadReport() {
  const from = new Date($('report-from').value).toISOString();
  const to = new Date($('report-to').value).toISOString();
  const status = $('report-status');
  const box = $('report');
  status.textContent = 'Loading the report…';
  box.replaceChildren();
  let report;
  try {
    report = await api(`/v1/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  } catch (error) {
    status.textContent =
      error instanceof ApiError && error.status === 404
        ? 'No report yet: this server does not offer /v1/report. Analytics appear here once it does.'
        : `Could not load the report: ${error.message}`;
    status.className = 'empty';
    return;
  }
  status.textContent = `${report.overall?.calls ?? 0} calls from ${new Date(report.from).toLocaleString()} to ${new Date(report.to).toLocaleString()}.`;
  const hourly = report.hourly ?? [];
  const tiers = [
    { name: 'Coach', cls: 'coach', values: hourly.map((hour) => hour.coach) },
    { name: 'Supervisor', cls: 'supervisor', values: hourly.map((hour) => hour.supervisor) },
    { name: 'Manager', cls: 'manager', values: hourly.map((hour) => hour.manager) },
  ];
  const hours = hourly.map((hour) => new Date(hour.hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  const queues = Object.entries(report.byQueue ?? {});
  const rules = report.byRule ?? [];
  const stress = report.stressByQueue ?? [];
  box.append(
    card('Escalations per tier per hour', hourly.length ? [legend(tiers), barChart({ categories: hours, series: tiers, width: chartWidth(), label: 'Escalations per tier per hour', totals: true })] : null),
    card('Prevention rate', [
      el('p', { class: 'big-number', text: percent(report.overall?.preventionRate) }),
      el('p', { class: 'hint', text: 'Calls flagged, then de-escalated without a manager.' }),
      queues.length
        ? barChart({
            categories: queues.map(([queue]) => queue), series: [{ name: 'Prevention rate', cls: 'prevention', values: queues.map(([, metrics]) => metrics.preventionRate ?? null) }], totals: true,
            label: 'Prevention rate by queue', format: percent, max: 1, width: chartWidth(),
          })
        : null,
    ]),
    card('Alert precision per rule', rules.length
      ? barChart({
          categories: rules.map((rule) => rule.rule), series: [{ name: 'Precision', cls: 'precision', values: rules.map((rule) => rule.precision ?? null) }], totals: true,
          label: 'Alert precision per rule (useful over useful plus dismissed)', format: percent, max: 1, width: chartWidth(),
        })
      : null),
    card('Stress by queue', stress.length
      ? [
          legend([{ name: 'Mean stress', cls: 'text' }, { name: 'Mean peak stress', cls: 'manager' }]),
          barChart({
            categories: stress.map((row) => row.queue),
            series: [
              { name: 'Mean stress', cls: 'text', values: stress.map((row) => row.meanStress ?? 0) },
              { name: 'Mean peak stress', cls: 'manager', values: stress.map((row) => Math.max(0, (row.meanPeakStress ?? 0) - (row.meanStress ?? 0))), shown: stress.map((row) => row.meanPeakStress ?? 0) },
            ],
            totals: true,
            label: 'Mean and peak stress by queue', format: (value) => value.toFixed(2), max: 1, width: chartWidth(),
          }),
        ]
      : null),
  );
}

/** The width a chart in one of the report's cards gets, so that its text is drawn at its own size. */
function chartWidth() {
  const grid = $('report');
  return Math.max(300, Math.round((grid.clientWidth || 1400) / (grid.clientWidth > 700 ? 2 : 1)) - 40);
}

function card(title, content) {
  const parts = (Array.isArray(content) ? content : [content]).filter(Boolean);
  return el('section', { class: 'card', 'aria-label': title }, el('h2', { text: title }), parts.length ? parts : el('p', { class: 'empty', text: 'No data in this period.' }));
}

// ---------------------------------------------------------------- routing

const PAGES = ['wall', 'call', 'followups', 'analytics', 'webhooks'];

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [page, ...rest] = hash.split('/');
  let name = page || 'wall';
  if (name === 'alerts') name = 'wall';
  if (name === 'follow-ups') name = 'followups';
  if (!PAGES.includes(name) || (name === 'webhooks' && !webhooks)) name = 'wall';
  for (const other of PAGES) $(`page-${other}`).hidden = other !== name;
  for (const link of document.querySelectorAll('#nav a[data-page]')) {
    const current = link.dataset.page === (page || 'wall');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (name === 'call') {
    const id = decodeURIComponent(rest.join('/'));
    document.title = `Undertone — call ${id}`;
    $('call-title').focus();
    showCall(id).catch((error) => ($('call-error').textContent = error.message));
  } else if (name === 'followups') {
    openCallID = null;
    document.title = 'Undertone — follow-ups';
    $('followups-title-page').focus();
    followUps.show();
  } else if (name === 'webhooks') {
    openCallID = null;
    document.title = 'Undertone — webhooks';
    $('webhooks-title').focus();
    webhooks.show();
  } else if (name === 'analytics') {
    openCallID = null;
    document.title = 'Undertone — analytics';
    $('analytics-title').focus();
    showAnalytics();
  } else {
    openCallID = null;
    document.title = 'Undertone — live wall';
    (page === 'alerts' ? $('alerts-title') : $('wall-title')).focus();
  }
}

async function start() {
  me = await ensureSession($('page-signin'));
  $('nav').hidden = false;
  followUps = createFollowUpsPage({ me, isVisible: () => !$('page-followups').hidden, customerOf: (id) => wall.calls.get(id)?.customer });
  followUps.start();
  // Webhooks are for admins: the page and its link exist only for them (the API refuses others anyway).
  if (me.role === 'admin') {
    webhooks = createWebhooksPage();
    webhooks.start();
    $('nav-webhooks').hidden = false;
  }
  $('wall-body').addEventListener('keydown', onWallKey);
  $('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadReport();
  });
  setInterval(() => {
    for (const [id, view] of wall.rows) updateDuration(view, wall.calls.get(id));
  }, 1000);
  window.addEventListener('hashchange', route);
  route();
  connectFeed(onFeedMessage, setConnection);
}

start().catch((error) => {
  document.getElementById('main').append(el('p', { class: 'error', role: 'alert', text: `The dashboard could not start: ${error.message}` }));
});
