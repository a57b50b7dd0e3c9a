// The landing page: releases that need attention first, then every app.
import { can, get, post, releasePath } from './api.js';
import { confirmAction, field, flash, h, replace, scroller } from './dom.js';
import { percent } from './format.js';
import { fetchRollout, fetchRolloutList } from './rollout.js';

export async function renderHome(main) {
  const { apps } = await get('/api/v1/apps');
  const attention = h('section', { class: 'card', id: 'attention' }, h('h2', null, 'Needs attention'), h('p', { class: 'muted' }, 'Looking…'));
  replace(main,
    h('h1', null, 'Overview'),
    attention,
    h('section', { class: 'card' }, h('h2', null, 'Apps'),
      h('ul', { class: 'apps', id: 'apps' }, apps.map((a) => h('li', null,
        h('a', { href: `#/apps/${encodeURIComponent(a.id)}` }, a.name), ' ', h('code', { class: 'muted' }, a.id),
        a.require_signatures ? h('span', { class: 'badge good' }, 'signatures required') : null)))),
    can('admin') ? newApp() : null);
  findAttention(attention, apps);
}

async function findAttention(card, apps) {
  const rows = [];
  for (const a of apps) {
    const list = await fetchRolloutList(a.id);
    if (!list) {
      replace(card, h('h2', null, 'Needs attention'), h('p', { class: 'muted' }, 'This server has no rollout API.'));
      return;
    }
    const stopped = [...list.values()].filter((r) => r.needs_attention || r.state === 'halted' || r.state === 'paused');
    const details = await Promise.all(stopped.map((r) => fetchRollout(a.id, r.release_id).catch(() => null)));
    stopped.forEach((r, i) => rows.push({ app: a.id, rollout: r, reason: why(details[i] || r, r.state) }));
  }
  if (rows.length === 0) {
    replace(card, h('h2', null, 'Needs attention'), h('p', { class: 'muted', id: 'attention-none' }, 'Nothing needs attention: no release is halted, paused or failing.'));
    return;
  }
  replace(card, h('h2', null, 'Needs attention'), scroller('Releases that need attention', h('table', { class: 'attention', id: 'attention-table' },
    h('thead', null, h('tr', null, ['App', 'Release', 'Platform', 'Channel', 'Share', 'State', 'Why', can('publisher') ? 'Act' : null].filter(Boolean).map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((x) => h('tr', null,
      h('td', null, x.app),
      h('td', null, h('a', { href: `#/apps/${encodeURIComponent(x.app)}/releases/${x.rollout.release_id}` }, x.rollout.version)),
      h('td', null, x.rollout.platform),
      h('td', null, x.rollout.channel),
      h('td', null, percent(x.rollout.basis_points)),
      h('td', null, h('span', { class: 'badge state-' + x.rollout.state }, x.rollout.state)),
      h('td', null, x.reason),
      can('publisher') ? h('td', null, act(x, () => findAttention(card, apps))) : null))))));
}

/** Resume (a paused or halted release) or pause (one flagged while running), after confirmation. */
function act(x, refresh) {
  const stopped = x.rollout.state === 'paused' || x.rollout.state === 'halted';
  const verb = stopped ? 'resume' : 'pause';
  return h('button', {
    type: 'button', class: stopped ? 'secondary small' : 'danger small', dataset: { action: verb, releaseId: x.rollout.release_id },
    onclick: async () => {
      const ok = await confirmAction(`${stopped ? 'Resume' : 'Pause'} the rollout of ${x.rollout.version}?`,
        stopped ? 'Devices in its share will be offered it again.' : 'No device that has not been offered it yet will be, until you resume.',
        stopped ? 'Resume' : 'Pause');
      if (!ok) return;
      try {
        await post(releasePath(x.app, x.rollout.release_id) + '/rollout/' + verb, { reason: 'from the overview' });
        flash(stopped ? 'Rollout resumed.' : 'Rollout paused.');
        await refresh();
      } catch (e) { flash(e.message, 'error'); }
    },
  }, stopped ? 'Resume' : 'Pause');
}

/** Why a release is listed: the server's attention reason, else the reason given when it stopped. */
function why(rollout, state) {
  if (rollout && rollout.attention_reason) return rollout.attention_reason;
  const stop = ((rollout && rollout.history) || []).find((e) => e.action === 'pause' || e.action === 'halt');
  return stop && stop.reason ? `${state}: ${stop.reason}` : state;
}

function newApp() {
  const id = h('input', { id: 'new-app-id', placeholder: 'my-app', required: true, pattern: '[a-z0-9][a-z0-9-]*' });
  const name = h('input', { id: 'new-app-name', placeholder: 'My App' });
  const form = h('form', { class: 'card', id: 'new-app' }, h('h2', null, 'New app'),
    h('div', { class: 'grid2' }, field('Id', id, 'lower-case letters, digits and dashes'), field('Name', name)),
    h('button', { type: 'submit', class: 'secondary' }, 'Create app'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = { id: id.value.trim() };
      if (name.value.trim()) body.name = name.value.trim();
      const answer = await post('/api/v1/apps', body);
      window.location.hash = `#/apps/${encodeURIComponent(answer.app.id)}`;
    } catch (e) { flash(e.message, 'error'); }
  });
  return form;
}
