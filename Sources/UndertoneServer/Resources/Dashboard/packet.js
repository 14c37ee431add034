// The hand-off packet as a person reads it: what the issue is, what the customer said that matters, what was promised
// and tried, and who they are. (The stress timeline is the drill-down's chart; the agent view leaves it out too.)

import { el } from './api.js';
import { formatDuration } from './model.js';

function section(title, items) {
  if (!items || items.length === 0) return null;
  return el('div', { class: 'packet-part' }, el('h3', { text: title }), el('ul', {}, items));
}

function at(value) {
  return typeof value === 'number' ? formatDuration(value) : '';
}

/** A packet (`GET /v1/calls/{call}/handoff`'s `packet`, or a `handoff` message's) as headed lists. */
export function packetView(packet) {
  if (!packet || typeof packet !== 'object') return el('p', { class: 'muted', text: 'No packet.' });
  const facts = [
    ['Tier', packet.tier ?? 'none'], ['Rule', packet.rule ?? '—'], ['Queue', packet.queue ?? '—'], ['From agent', packet.fromAgent ?? '—'],
    ['Stress now', typeof packet.stressNow === 'number' ? packet.stressNow.toFixed(2) : '—'],
    ['Peak', typeof packet.peakStress === 'number' ? packet.peakStress.toFixed(2) : '—'],
  ];
  const history = packet.history;
  return el(
    'div', { class: 'packet-view' },
    el('dl', { class: 'facts' }, facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: String(value) })])),
    section('What the customer said', (packet.summary ?? []).map((line) =>
      el('li', {}, el('span', { class: 'muted', text: `${line.speaker ?? ''} ${at(line.at)} · ${line.why ?? ''} — ` }), line.text ?? ''))),
    section('Promises made', (packet.promises ?? []).map((line) => el('li', {}, el('span', { class: 'muted', text: `${at(line.at)} — ` }), line.text ?? ''))),
    section('What was tried', (packet.tried ?? []).map((line) =>
      el('li', {}, el('strong', { text: line.move ?? '' }), el('span', { class: 'muted', text: ` ${at(line.at)} — ` }), line.text ?? ''))),
    section('Cues', (packet.cues ?? []).map((cue) => el('li', {}, el('strong', { text: cue.kind ?? '' }), ` “${cue.text ?? ''}” `, el('span', { class: 'muted', text: at(cue.at) })))),
    history
      ? section('Customer history', [
          el('li', { text: `${history.contacts30d ?? 0} contacts in 30 days, ${history.escalations90d ?? 0} escalations in 90 days, ${history.openFollowUps ?? 0} open follow-ups` }),
          el('li', { text: `last sentiment ${history.lastSentiment ?? '—'}; repeat issue ${history.repeatIssue ? 'yes' : 'no'}; segment ${history.segment ?? '—'}` }),
        ])
      : null,
  );
}
