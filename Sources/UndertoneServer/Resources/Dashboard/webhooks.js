// Webhooks (admins only): the subscriptions that push decisions, hand-offs and follow-ups to other systems, a form to
// add one, each one's delivery log (every attempt, with its status or error), and removal. The REST API is the same
// (`/v1/webhooks`); this page only reads and calls it.

import { api, el } from './api.js';

/** Entry types a webhook may ask for (the server checks them too), the default ones first. */
export const TYPES = [
  ['decision', true], ['handoff', true], ['follow_up', true], ['follow_up_update', true],
  ['call_started', false], ['call_ended', false], ['alert_ack', false], ['signal', false], ['routing', false], ['guidance', false],
];

export function createWebhooksPage() {
  const $ = (id) => document.getElementById(id);
  let selected = null;
  // Each load of the log is numbered: an answer that comes back after a later load was asked for (or after the log was
  // cleared) is dropped, so that a slow old answer never draws over a newer one.
  let latestLoad = 0;

  function status(text, isError = false) {
    const node = $('webhooks-status');
    node.textContent = text;
    node.className = isError ? 'error' : 'alert-note';
  }

  async function show() {
    try {
      const answer = await api('/v1/webhooks');
      render(answer.webhooks);
      if (selected && answer.webhooks.some((hook) => hook.id === selected)) await showDeliveries(selected);
      else clearDeliveries();
    } catch (error) {
      status(`Could not load webhooks: ${error.message}`, true);
    }
  }

  function render(hooks) {
    $('webhooks-empty').hidden = hooks.length > 0;
    $('webhooks-body').replaceChildren(
      ...hooks.map((hook) => {
        const remove = el('button', { type: 'button', class: 'delete', text: 'Delete' });
        remove.addEventListener('click', () => confirmDelete(hook, remove));
        return el(
          'tr', { 'data-webhook': hook.id },
          el('th', { scope: 'row' }, el('code', { text: hook.url })),
          el('td', { class: 'types', text: hook.types.join(', ') }),
          el('td', { text: new Date(hook.createdAt).toLocaleString() }),
          el('td', {}, el('div', { class: 'actions', role: 'group', 'aria-label': `Webhook ${hook.url}` },
            el('button', { type: 'button', class: 'deliveries', text: 'Deliveries', onclick: () => showDeliveries(hook.id) }), remove)),
        );
      }),
    );
  }

  /** Delete asks once more on the same button: no modal dialog, and nothing lost to a stray click. */
  function confirmDelete(hook, button) {
    if (button.dataset.armed !== 'yes') {
      button.dataset.armed = 'yes';
      button.textContent = 'Confirm delete';
      button.classList.add('primary');
      return;
    }
    button.disabled = true;
    api(`/v1/webhooks/${encodeURIComponent(hook.id)}`, { method: 'DELETE' })
      .then(() => {
        status(`Deleted the webhook to ${hook.url}; nothing more is sent to it.`);
        if (selected === hook.id) selected = null;
        return show();
      })
      .catch((error) => {
        status(`Could not delete: ${error.message}`, true);
        button.disabled = false;
      });
  }

  function clearDeliveries() {
    selected = null;
    latestLoad += 1;
    $('deliveries-title').textContent = 'Deliveries';
    $('deliveries-body').replaceChildren();
    $('deliveries-empty').hidden = false;
    $('deliveries-empty').textContent = 'Choose a webhook to see its deliveries.';
  }

  async function showDeliveries(id) {
    selected = id;
    const load = ++latestLoad;
    try {
      const answer = await api(`/v1/webhooks/${encodeURIComponent(id)}/deliveries?limit=100`);
      if (load !== latestLoad) return;
      const row = document.querySelector(`#webhooks-body tr[data-webhook="${CSS.escape(id)}"] code`);
      $('deliveries-title').textContent = `Deliveries to ${row?.textContent ?? id}`;
      $('deliveries-empty').hidden = answer.deliveries.length > 0;
      $('deliveries-empty').textContent = 'Nothing sent yet: deliveries start with what is logged after the webhook was made.';
      $('deliveries-body').replaceChildren(
        ...answer.deliveries.map((delivery) =>
          el(
            'tr', { class: delivery.delivered ? 'delivered' : 'failed', 'data-position': delivery.position },
            el('td', { text: new Date(delivery.attemptedAt).toLocaleString() }),
            el('td', { text: delivery.type }),
            el('td', {}, el('a', { href: `#/call/${encodeURIComponent(delivery.callID)}`, text: delivery.callID })),
            el('td', { class: 'num', text: String(delivery.position) }),
            el('td', { class: 'num', text: String(delivery.attempt) }),
            el('td', { class: 'outcome', text: delivery.delivered ? `delivered (${delivery.status})` : delivery.error ?? `HTTP ${delivery.status}` }),
            el('td', { class: 'num', text: `${delivery.durationMs} ms` }),
          ),
        ),
      );
    } catch (error) {
      if (load === latestLoad) status(`Could not load deliveries: ${error.message}`, true);
    }
  }

  // Refresh while a load is under way asks for one more load after it, not another request beside it: clicks faster
  // than a busy server answers would otherwise queue requests behind each other (a browser opens six connections to a
  // host), and the log would show what was true when the oldest was sent.
  let loading = null;
  let again = false;
  function refresh() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        await (selected ? showDeliveries(selected) : show());
      } while (again);
    })().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function add(event) {
    event.preventDefault();
    const types = [...document.querySelectorAll('#webhook-types input:checked')].map((box) => box.value);
    const secret = $('webhook-secret').value.trim();
    const body = { url: $('webhook-url').value.trim(), types };
    if (secret) body.secret = secret;
    try {
      const created = await api('/v1/webhooks', { method: 'POST', body });
      $('webhook-form').reset();
      // The secret is shown this once: receivers need it to check signatures, and the API never returns it again.
      status(`Added ${created.url}. Its signing secret, shown only now: ${created.secret}`);
      selected = created.id;
      await show();
    } catch (error) {
      status(`Could not add the webhook: ${error.message}`, true);
    }
  }

  return {
    show,
    start() {
      $('webhook-types').replaceChildren(
        ...TYPES.map(([type, checked]) =>
          el('label', { class: 'check' }, el('input', { type: 'checkbox', value: type, checked: checked || undefined }), ` ${type}`)),
      );
      $('webhook-form').addEventListener('submit', add);
      $('deliveries-refresh').addEventListener('click', refresh);
    },
  };
}
