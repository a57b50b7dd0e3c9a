// One app's releases: a sortable, filterable table, the app's signing setting, and a way to publish.
import { ApiError, appPath, can, get, call, releasePath } from './api.js';
import { confirmAction, flash, h, replace, scroller } from './dom.js';
import { bytes, percent, when } from './format.js';
import { fetchRolloutList, stateOf, statusOf } from './rollout.js';
import { adoptionChart } from './figures.js';


/** Most recalls looked up to tell recalled from deactivated releases in the table. */
const MAX_RECALL_LOOKUPS = 100;

// Version codes order the releases of one platform only, so the version column sorts by platform
// first (a key of the platform and the zero-padded code).
const COLUMNS = [
  ['version', 'Version', (r) => `${r.platform}\u0000${String(r.version_code).padStart(16, '0')}`],
  ['version_code', 'Code', (r) => r.version_code],
  ['platform', 'Platform', (r) => r.platform],
  ['channel', 'Channel', (r) => r.channel],
  ['published_at', 'Published', (r) => r.published_at || ''],
  ['is_mandatory', 'Mandatory', (r) => (r.is_mandatory ? 1 : 0)],
  ['rollout', 'Rollout', (r) => r.rollout_basis_points],
  ['status', 'Status', (r, x) => statusOf(r, x.recalls.get(r.id), x.rollouts.get(r.id))],
  ['signed', 'Signed', (r) => (r.signature ? 1 : 0)],
  ['file_size', 'Size', (r) => r.file_size || 0],
];

export async function renderReleases(main, app) {
  const [appAnswer, list] = await Promise.all([get(appPath(app)), get(appPath(app) + '/releases?limit=1000')]);
  const state = { sort: 'published_at', descending: true, text: '', platform: '', channel: '', status: '' };
  const releases = list.releases;
  const rollouts = new Map();
  const recalls = new Map();
  const extra = { rollouts, recalls };
  const body = h('tbody');
  const table = h('table', { class: 'releases', id: 'releases-table' }, h('thead', null, h('tr', null,
    COLUMNS.map(([key, label]) => h('th', { scope: 'col' }, h('button', {
      type: 'button', class: 'sort', dataset: { sort: key },
      onclick: () => { state.descending = state.sort === key ? !state.descending : false; state.sort = key; draw(); },
    }, label))))), body);
  const count = h('span', { class: 'muted', id: 'release-count' });
  const adoption = h('section', { class: 'card', id: 'adoption' }, h('h2', null, 'Adoption'), h('p', { class: 'muted' }, 'Loading…'));

  function draw() {
    const [, , key] = COLUMNS.find(([k]) => k === state.sort);
    const shown = releases.filter((r) => matches(r, state, extra)).sort((a, b) => {
      const x = key(a, extra);
      const y = key(b, extra);
      if (x === y) return b.id - a.id;
      return (x < y ? -1 : 1) * (state.descending ? -1 : 1);
    });
    replace(body, shown.map((r) => row(app, r, rollouts.get(r.id), recalls.get(r.id))));
    if (shown.length === 0) body.append(h('tr', null, h('td', { colspan: COLUMNS.length, class: 'muted' }, 'No releases match.')));
    count.textContent = `${shown.length} of ${releases.length} releases`;
    for (const button of table.querySelectorAll('button.sort')) {
      button.classList.toggle('sorted', button.dataset.sort === state.sort);
      button.dataset.direction = button.dataset.sort === state.sort ? (state.descending ? 'desc' : 'asc') : '';
      button.closest('th').setAttribute('aria-sort', button.dataset.sort === state.sort ? (state.descending ? 'descending' : 'ascending') : 'none');
    }
    adoptionFor(shown);
  }

  // The chart follows the table's filters: platform and channel through the API, and the other
  // filters by keeping only the versions the table shows.
  let adoptionKey = null;
  let adoptionRows = null;
  function adoptionFor(shown) {
    const key = `${state.platform}|${state.channel}`;
    const versions = new Set(shown.map((r) => r.version.replace(/\+.*$/, '')));
    const drawRows = () => drawAdoption(adoption, adoptionRows, versions, state);
    if (key === adoptionKey) {
      if (adoptionRows) drawRows();
      return;
    }
    adoptionKey = key;
    adoptionRows = null;
    fetchAdoption(app, state).then((rows) => {
      if (adoptionKey !== key) return;
      adoptionRows = rows;
      drawRows();
    }, (e) => replace(adoption, h('h2', null, 'Adoption'), h('p', { class: 'muted' }, e.message)));
  }

  const filters = h('div', { class: 'filters' },
    h('input', { type: 'search', id: 'filter-text', 'aria-label': 'Filter by version or notes', placeholder: 'Filter by version or notes', oninput: (e) => { state.text = e.target.value.toLowerCase(); draw(); } }),
    select('filter-platform', 'Platform', 'All platforms', unique(releases.map((r) => r.platform)), (v) => { state.platform = v; draw(); }),
    select('filter-channel', 'Channel', 'All channels', unique(['stable', 'beta', 'alpha', ...releases.map((r) => r.channel)]), (v) => { state.channel = v; draw(); }),
    select('filter-status', 'Status', 'Any status', ['active', 'paused', 'halted', 'deactivated', 'recalled'], (v) => { state.status = v; draw(); }),
    count);

  replace(main,
    h('div', { class: 'page-head' },
      h('div', null, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Overview'), ' / ', app),
        h('h1', null, appAnswer.app.name, ' ', h('code', { class: 'muted' }, app))),
      h('div', { class: 'badges' },
        h('a', { class: 'button', id: 'cohorts-link', href: `#/apps/${encodeURIComponent(app)}/channels` }, 'Channels and experiments'),
        can('admin') ? h('a', { class: 'button', id: 'webhooks-link', href: `#/apps/${encodeURIComponent(app)}/webhooks` }, 'Webhooks') : null,
        can('publisher') ? h('a', { class: 'button primary', id: 'publish-link', href: `#/apps/${encodeURIComponent(app)}/publish` }, 'Publish a release') : null)),
    signing(app, appAnswer.app),
    filters,
    scroller('Releases', table),
    adoption);
  draw();
  fillRollouts(app, rollouts, draw).finally(() => { table.dataset.rollouts = 'loaded'; });
  fillRecalls(app, releases, recalls, draw).finally(() => { table.dataset.recalls = 'loaded'; });
}

/** Tells recalled from merely deactivated releases (GET …/recall of the inactive ones), then redraws. */
async function fillRecalls(app, releases, recalls, draw) {
  const inactive = releases.filter((r) => !r.is_active).slice(0, MAX_RECALL_LOOKUPS);
  const found = await Promise.all(inactive.map((r) => get(releasePath(app, r.id) + '/recall')
    .then((answer) => answer.recall, (e) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    })));
  inactive.forEach((r, i) => { if (found[i]) recalls.set(r.id, found[i]); });
  if (inactive.length) draw();
}

/** Reads the rollout state (paused, halted, scheduled…) of every release, then redraws. */
async function fillRollouts(app, rollouts, draw) {
  const list = await fetchRolloutList(app).catch(() => null);
  if (!list) return;
  for (const [id, rollout] of list) rollouts.set(id, rollout);
  draw();
}

async function fetchAdoption(app, state) {
  const query = new URLSearchParams({ days: '30' });
  if (state.platform) query.set('platform', state.platform);
  if (state.channel) query.set('channel', state.channel);
  return (await get(appPath(app) + '/adoption?' + query)).adoption;
}

function drawAdoption(card, rows, versions, state) {
  const kept = rows.filter((r) => versions.has(r.version));
  const platforms = new Set(kept.map((r) => r.platform));
  const labelled = kept.map((r) => ({ ...r, version: platforms.size > 1 ? `${r.platform} ${r.version}` : r.version }));
  const scope = [state.platform, state.channel].filter(Boolean).join(', ');
  replace(card, h('h2', null, 'Adoption'),
    adoptionChart(labelled, `Devices per version, last 30 days${scope ? ' (' + scope + ')' : ''}`));
  card.dataset.scope = scope;
}

function matches(r, state, extra) {
  if (state.platform && r.platform !== state.platform) return false;
  if (state.channel && r.channel !== state.channel) return false;
  if (state.status && statusOf(r, extra.recalls.get(r.id), extra.rollouts.get(r.id)) !== state.status) return false;
  if (state.text && !(`${r.version} ${r.release_notes}`.toLowerCase().includes(state.text))) return false;
  return true;
}

function row(app, r, rolloutInfo, recall) {
  const rollout = stateOf(r, rolloutInfo);
  const status = statusOf(r, recall, rolloutInfo);
  return h('tr', { dataset: { releaseId: r.id, version: r.version, platform: r.platform } },
    h('td', null, h('a', { href: `#/apps/${encodeURIComponent(app)}/releases/${r.id}`, class: 'version' }, r.version)),
    h('td', { class: 'num' }, r.version_code),
    h('td', null, r.platform),
    h('td', null, h('span', { class: 'badge channel-' + r.channel }, r.channel)),
    h('td', null, when(r.published_at)),
    h('td', null, r.is_mandatory ? 'yes' : 'no'),
    h('td', { class: 'rollout-cell' }, r.is_active ? percent(r.rollout_basis_points) + ' ' : null, h('span', { class: 'badge state-' + rollout }, rollout)),
    h('td', { class: 'status-cell' }, h('span', { class: 'badge ' + (status === 'active' ? 'good' : status === 'paused' ? 'warn' : 'bad') }, status)),
    h('td', null, r.signature ? h('span', { class: 'badge good' }, 'signed') : h('span', { class: 'badge warn' }, 'unsigned')),
    h('td', { class: 'num' }, r.hosted ? bytes(r.file_size) : (r.file_size ? bytes(r.file_size) + ' (external)' : 'external')));
}

function signing(app, appInfo) {
  const status = h('strong', { id: 'require-signatures-state' }, appInfo.require_signatures ? 'required' : 'not required');
  const toggle = can('admin') ? h('button', {
    type: 'button', id: 'toggle-signatures', class: 'secondary',
    onclick: async () => {
      const next = !appInfo.require_signatures;
      const ok = await confirmAction(next ? 'Require signatures?' : 'Stop requiring signatures?',
        next ? 'Unsigned releases will be refused at publish time for this app.'
          : 'Unsigned releases will be accepted again for this app.');
      if (!ok) return;
      try {
        const answer = await call('PATCH', appPath(app), { require_signatures: next });
        appInfo.require_signatures = answer.app.require_signatures;
        status.textContent = appInfo.require_signatures ? 'required' : 'not required';
        toggle.textContent = appInfo.require_signatures ? 'Stop requiring' : 'Require signatures';
        flash('Signature requirement changed.');
      } catch (e) { flash(e.message, 'error'); }
    },
  }, appInfo.require_signatures ? 'Stop requiring' : 'Require signatures') : null;
  return h('p', { class: 'signing' }, 'Release signatures: ', status, ' ', toggle);
}

function select(id, label, allLabel, values, onChange) {
  return h('select', { id, 'aria-label': label, onchange: (e) => onChange(e.target.value) },
    h('option', { value: '' }, allLabel), values.map((v) => h('option', { value: v }, v)));
}

function unique(values) {
  return [...new Set(values)].sort();
}
