// An app's webhooks (admins): add one (its secret is shown once), try it, switch it off, remove it,
// and read each one's delivery log. See docs/alerts.md.
import { appPath, call, del, get, post } from './api.js';
import { confirmAction, field, flash, h, replace, scroller } from './dom.js';
import { when } from './format.js';

const TYPES = ['rollout.halted', 'rollout.needs_attention', 'rollout.ramp_step', 'release.recalled', 'release.live'];

export async function renderWebhooks(main, app) {
  const { webhooks } = await get(appPath(app) + '/webhooks');
  const list = h('div', { id: 'webhook-list' });
  const rerender = () => renderWebhooks(main, app);
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Overview'), ' / ',
      h('a', { href: `#/apps/${encodeURIComponent(app)}` }, app), ' / webhooks'),
    h('h1', null, 'Webhooks of ', app),
    h('p', { class: 'muted' }, 'Alerts for halts, early warnings, ramp steps, recalls and scheduled releases going live, signed with each webhook\'s secret.'),
    createForm(app, rerender),
    list);
  if (webhooks.length === 0) {
    list.append(h('p', { class: 'muted', id: 'webhooks-none' }, 'No webhooks yet.'));
  }
  for (const hook of webhooks) list.append(await card(app, hook, rerender));
}

function createForm(app, rerender) {
  const url = h('input', { id: 'hook-url', type: 'url', required: true, placeholder: 'the receiver\'s URL', maxlength: 2000 });
  const kind = h('select', { id: 'hook-kind' }, h('option', { value: 'json' }, 'JSON'), h('option', { value: 'slack' }, 'Slack'));
  const boxes = TYPES.map((t) => h('input', { type: 'checkbox', value: t, checked: true, 'aria-label': t }));
  const issued = h('div', { id: 'hook-secret', class: 'issued', hidden: true });
  const form = h('form', { class: 'card', id: 'hook-form' }, h('h2', null, 'Add a webhook'),
    h('div', { class: 'grid2' }, field('URL', url), field('Body', kind)),
    h('fieldset', null, h('legend', null, 'Alerts'), boxes.map((b) => h('label', { class: 'inline' }, b, ' ', b.value))),
    h('button', { type: 'submit', class: 'primary' }, 'Add'), issued);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const events = boxes.filter((b) => b.checked).map((b) => b.value);
    try {
      const answer = await post(appPath(app) + '/webhooks', { url: url.value.trim(), kind: kind.value, events });
      await rerender();
      const shown = document.getElementById('hook-secret');
      replace(shown, h('p', null, 'Copy this signing secret now; it is not shown again:'),
        h('code', { id: 'hook-secret-value', class: 'wrap' }, answer.secret));
      shown.hidden = false;
      flash('Webhook added.');
    } catch (e) { flash(e.message, 'error'); }
  });
  return form;
}

async function card(app, hook, rerender) {
  const path = `${appPath(app)}/webhooks/${hook.id}`;
  let deliveries = [];
  try { deliveries = (await get(path + '/deliveries?limit=20')).deliveries; } catch (e) { flash(e.message, 'error'); }
  const act = async (send, done) => {
    try { await send(); flash(done); await rerender(); } catch (e) { flash(e.message, 'error'); }
  };
  return h('section', { class: 'card', dataset: { webhookId: hook.id } },
    h('h2', null, h('code', { class: 'wrap' }, hook.url)),
    h('p', null, h('span', { class: 'badge ' + (hook.enabled ? 'good' : 'warn') }, hook.enabled ? 'on' : 'off'), ' ',
      `${hook.kind} · ${hook.events.join(', ')} · added ${when(hook.created_at)}`),
    h('div', { class: 'controls' },
      h('button', { type: 'button', class: 'secondary', dataset: { action: 'test' }, onclick: () => act(() => post(path + '/test'), 'Test alert queued.') }, 'Send a test'),
      h('button', { type: 'button', class: 'secondary', dataset: { action: 'toggle' }, onclick: () => act(() => call('PATCH', path, { enabled: !hook.enabled }), hook.enabled ? 'Webhook switched off.' : 'Webhook switched on.') }, hook.enabled ? 'Switch off' : 'Switch on'),
      h('button', { type: 'button', class: 'danger', dataset: { action: 'remove' }, onclick: async () => {
        if (await confirmAction('Remove this webhook?', 'It gets no more alerts; deliveries still waiting are dropped.', 'Remove')) {
          act(() => del(path), 'Webhook removed.');
        }
      } }, 'Remove')),
    deliveries.length === 0 ? h('p', { class: 'muted' }, 'Nothing sent yet.')
      : scroller('Deliveries', h('table', { class: 'history deliveries' },
        h('thead', null, h('tr', null, ['Queued', 'Alert', 'State', 'Attempts', 'Last answer', 'Next try'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, deliveries.map((d) => h('tr', null,
          h('td', null, when(d.created_at)), h('td', null, d.type),
          h('td', null, h('span', { class: 'badge ' + (d.state === 'delivered' ? 'good' : d.state === 'failed' ? 'bad' : 'warn') }, d.state)),
          h('td', { class: 'num' }, d.attempts),
          h('td', null, d.last_error || (d.last_status ? 'HTTP ' + d.last_status : '')),
          h('td', null, d.next_attempt_at ? when(d.next_attempt_at) : '')))))));
}
