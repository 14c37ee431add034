// Follow-ups: the check-back tasks every manager escalation (and any rule that asks) makes. The page lists them —
// overdue first, then by due time — and each can be claimed and closed with an outcome, here and in a call's
// drill-down. Changes arrive on the live feed as `follow_up` messages (the follow-up as it now stands).

import { api, el } from './api.js';

/** The filters the page offers, as the REST API's query and as a test on a follow-up already held. */
export const FILTERS = {
  open: { label: 'Open', query: 'state=open', keep: (item, now) => item.state === 'open' },
  overdue: { label: 'Overdue', query: 'state=open&overdue=true', keep: (item, now) => item.state === 'open' && isOverdue(item, now) },
  mine: { label: 'Mine', query: 'state=open', keep: (item, now, me) => item.state === 'open' && item.owner === whoIs(me) },
  done: { label: 'Done', query: 'state=done', keep: (item) => item.state === 'done' },
  failed: { label: 'Failed', query: 'state=failed', keep: (item) => item.state === 'failed' },
  all: { label: 'All', query: '', keep: () => true },
};

/** The owner name a claim by `me` gives (the server's rule: the key's subject, else its name). */
export function whoIs(me) {
  return me?.subject ?? me?.name ?? null;
}

export function isOverdue(item, now = Date.now()) {
  return item.state === 'open' && new Date(item.due).getTime() <= now;
}

/** Overdue first, then the soonest due; closed ones most recently changed first. */
export function compareFollowUps(a, b, now = Date.now()) {
  const rank = (item) => (isOverdue(item, now) ? 0 : item.state === 'open' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 2) return new Date(b.updatedAt) - new Date(a.updatedAt) || (a.id < b.id ? -1 : 1);
  return new Date(a.due) - new Date(b.due) || (a.id < b.id ? -1 : 1);
}

function describeDue(item, now) {
  const due = new Date(item.due);
  const minutes = Math.round((due.getTime() - now) / 60_000);
  const relative =
    Math.abs(minutes) < 90 ? `${Math.abs(minutes)} min` : Math.abs(minutes) < 48 * 60 ? `${Math.round(Math.abs(minutes) / 60)} h` : `${Math.round(Math.abs(minutes) / 1440)} d`;
  if (item.state !== 'open') return due.toLocaleString();
  return `${due.toLocaleString()} (${minutes < 0 ? `${relative} overdue` : `in ${relative}`})`;
}

/**
 * Claim and close, for one follow-up: `Claim` while someone else (or a role such as `duty-manager`) owns it, and an
 * outcome with `Done` / `Failed`. `onUpdated(followUp)` gets the server's answer; failures are said in the group.
 */
export function followUpActions(item, me, onUpdated) {
  const group = el('div', { class: 'actions followup-actions', role: 'group', 'aria-label': `Follow-up ${item.id}` });
  const status = el('p', { class: 'alert-note', role: 'status' });
  if (item.state !== 'open') {
    group.append(el('span', { class: 'muted', text: `${item.state}${item.outcome ? `: ${item.outcome}` : ''}` }));
    return group;
  }
  const send = async (what, path, body) => {
    for (const control of group.querySelectorAll('button, input')) control.disabled = true;
    status.textContent = '';
    try {
      onUpdated(await api(`/v1/follow-ups/${encodeURIComponent(item.id)}/${path}`, { method: 'POST', body }));
    } catch (error) {
      status.className = 'alert-note error';
      status.textContent = `Could not ${what}: ${error.message}`;
      for (const control of group.querySelectorAll('button, input')) control.disabled = false;
    }
  };
  if (item.owner !== whoIs(me)) group.append(el('button', { type: 'button', class: 'primary claim', text: 'Claim', onclick: () => send('claim it', 'claim') }));
  const outcomeID = `outcome-${item.id}`;
  const outcome = el('input', { id: outcomeID, type: 'text', class: 'outcome', maxlength: 500, placeholder: 'What came of it' });
  const close = (state) => send(`close it as ${state}`, 'close', { state, outcome: outcome.value.trim() || undefined });
  group.append(
    el('label', { for: outcomeID, class: 'visually-hidden', text: `Outcome of follow-up ${item.id}` }),
    outcome,
    el('button', { type: 'button', class: 'done', text: 'Done', onclick: () => close('done') }),
    el('button', { type: 'button', class: 'failed', text: 'Failed', onclick: () => close('failed') }),
    status,
  );
  return group;
}

/**
 * The follow-ups page: `show()` loads the chosen filter from the server, `apply(message)` takes a `follow_up` feed
 * message, and the table is redrawn at most once per animation frame. `customerOf(callID)` names a call's customer
 * where the follow-up came without its packet (the feed's copy).
 */
export function createFollowUpsPage({ me, isVisible, customerOf = () => null }) {
  const items = new Map();
  let filter = 'open';
  let frame = false;
  const $ = (id) => document.getElementById(id);

  const customer = (item) => item.packet?.customerID ?? customerOf(item.call);

  function upsert(item) {
    const known = items.get(item.id);
    // The feed's copy has no packet; keep a fuller one when it is no older.
    items.set(item.id, known && !item.packet && known.packet ? { ...item, packet: known.packet } : item);
  }

  function schedule() {
    if (frame || !isVisible()) return;
    frame = true;
    requestAnimationFrame(() => {
      frame = false;
      render();
    });
  }

  function render() {
    const now = Date.now();
    const shown = [...items.values()].filter((item) => FILTERS[filter].keep(item, now, me)).sort((a, b) => compareFollowUps(a, b, now));
    const body = $('followups-body');
    body.replaceChildren(
      ...shown.map((item) => {
        const overdue = isOverdue(item, now);
        const row = el(
          'tr', { class: overdue ? 'overdue' : item.state === 'open' ? '' : 'closed', 'data-followup': item.id },
          el('td', {}, el('span', { class: `state-badge ${overdue ? 'overdue' : item.state}`, text: overdue ? 'overdue' : item.state })),
          el('td', { text: describeDue(item, now) }),
          el('th', { scope: 'row' }, el('a', { href: `#/call/${encodeURIComponent(item.call)}`, text: item.call }),
            customer(item) ? el('span', { class: 'muted customer', text: ` ${customer(item)}` }) : null),
          el('td', { class: 'reason', text: item.reason }),
          el('td', { class: 'owner', text: item.owner ?? 'unassigned' }),
          el('td', {}, followUpActions(item, me, (updated) => {
            upsert(updated);
            render();
          })),
        );
        return row;
      }),
    );
    const open = [...items.values()].filter((item) => item.state === 'open');
    $('followups-summary').textContent = `${open.length} open · ${open.filter((item) => isOverdue(item, now)).length} overdue`;
    $('followups-empty').hidden = shown.length > 0;
  }

  async function show() {
    const select = $('followups-filter');
    filter = FILTERS[select.value] ? select.value : 'open';
    $('followups-status').textContent = 'Loading…';
    try {
      const query = FILTERS[filter].query;
      const answer = await api(`/v1/follow-ups?limit=1000${query ? `&${query}` : ''}`);
      for (const item of answer.followUps) upsert(item);
      $('followups-status').textContent = '';
    } catch (error) {
      $('followups-status').textContent = `Could not load follow-ups: ${error.message}`;
    }
    render();
  }

  return {
    show,
    render,
    /** A `follow_up` message from the feed. */
    apply(message) {
      if (!message.id) return;
      upsert(message);
      schedule();
    },
    start() {
      $('followups-filter').addEventListener('change', () => show());
      $('followups-form').addEventListener('submit', (event) => {
        event.preventDefault();
        show();
      });
      // Due times turn into overdue ones as the clock moves.
      setInterval(() => schedule(), 30_000);
    },
  };
}
