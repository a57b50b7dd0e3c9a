// An app's channels (who receives what) and cohort experiments (arms side by side with their
// figures), read-only: they are changed through the API or `petrel`.
import { appPath, get } from './api.js';
import { h, replace, scroller } from './dom.js';
import { percent, when } from './format.js';

export async function renderCohorts(main, app) {
  const [{ channels }, { experiments }] = await Promise.all([
    get(appPath(app) + '/channels'), get(appPath(app) + '/experiments')]);
  const figures = await Promise.all(experiments.map((x) => (x.ended_at ? null
    : get(`${appPath(app)}/experiments/${x.id}/figures`).catch(() => null))));
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Overview'), ' / ',
      h('a', { href: `#/apps/${encodeURIComponent(app)}` }, app), ' / channels and experiments'),
    h('h1', null, 'Channels and experiments of ', app),
    h('section', { class: 'card', id: 'channels' }, h('h2', null, 'Channels'),
      scroller('Channels', h('table', { class: 'history' },
        h('thead', null, h('tr', null, ['Channel', 'Kind', 'Receives releases of'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, channels.map((c) => h('tr', { dataset: { channel: c.name } },
          h('th', { scope: 'row' }, c.name), h('td', null, c.built_in ? 'built in' : 'the app\'s own'),
          h('td', null, (c.receives || []).join(', '))))))),
      h('p', { class: 'muted' }, 'A device in a channel is offered releases of the channels it receives.')),
    h('section', { class: 'card', id: 'experiments' }, h('h2', null, 'Cohort experiments'),
      experiments.length === 0 ? h('p', { class: 'muted' }, 'No experiments.')
        : experiments.map((x, i) => experiment(app, x, figures[i]))));
}

function experiment(app, x, figures) {
  const arms = new Map(((figures && figures.arms) || []).map((a) => [a.release_id, a]));
  return h('div', { class: 'experiment', dataset: { experimentId: x.id } },
    h('h3', null, x.name, ' ', h('span', { class: 'badge ' + (x.ended_at ? 'warn' : 'good') }, x.ended_at ? 'ended' : 'running')),
    h('p', { class: 'muted' }, `${x.platform} · ${x.channel} · started ${when(x.created_at)}${x.ended_at ? ' · ended ' + when(x.ended_at) : ''}`),
    scroller(`Arms of ${x.name}`, h('table', { class: 'history' },
      h('thead', null, h('tr', null, ['Arm', 'Share', 'Devices', 'Installs', 'Failure share'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, x.arms.map((arm) => {
        const f = arms.get(arm.release_id);
        return h('tr', null,
          h('th', { scope: 'row' }, h('a', { href: `#/apps/${encodeURIComponent(app)}/releases/${arm.release_id}` }, arm.version)),
          h('td', null, percent(arm.basis_points)),
          h('td', { class: 'num' }, f ? f.devices : '—'),
          h('td', { class: 'num' }, f ? f.attempted : '—'),
          h('td', { class: 'num' }, f && f.failure_basis_points !== null ? percent(f.failure_basis_points) : '—'));
      })))));
}
