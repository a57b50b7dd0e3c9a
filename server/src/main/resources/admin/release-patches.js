// The patches (delta updates) of a release: which exist, from which earlier release, their state,
// format, sizes and savings, why one failed; requesting one from an earlier release and removing
// one (publisher). Also the figures of how the release reached devices: as patches or in full.
import { ApiError, appPath, can, del, get, post, releasePath } from './api.js';
import { confirmAction, flash, h, replace, scroller } from './dom.js';
import { bytes, percent, when } from './format.js';

/** How long to wait before looking again while a patch is being made, in milliseconds. */
const POLL_MS = 4000;

export function patchesSection(app, release) {
  const card = h('section', { class: 'card', id: 'patches' }, h('h2', null, 'Patches'));
  if (!release.hosted) {
    card.append(h('p', { class: 'muted', id: 'patches-none' },
      'Patches are made from hosted artifacts; this release is downloaded from elsewhere, so devices always take the whole file.'));
    return card;
  }
  card.append(h('p', { class: 'muted' }, 'Loading…'));
  loadPatches(card, app, release);
  return card;
}

async function loadPatches(card, app, release) {
  const path = releasePath(app, release.id) + '/deltas';
  let deltas;
  let earlier;
  try {
    const [answer, list] = await Promise.all([
      get(path),
      get(appPath(app) + `/releases?limit=1000&platform=${encodeURIComponent(release.platform)}`),
    ]);
    deltas = answer.deltas;
    earlier = list.releases.filter((r) => r.platform === release.platform && r.version_code < release.version_code && r.hosted);
  } catch (e) {
    replace(card, h('h2', null, 'Patches'), h('p', { class: 'muted' }, unavailable(e)));
    return;
  }
  const versions = new Map(earlier.map((r) => [r.id, r.version]));
  const reload = () => loadPatches(card, app, release);
  replace(card, h('h2', null, 'Patches'),
    h('p', { class: 'muted' }, 'Devices on an earlier release with a ready patch download the patch instead of the whole ',
      bytes(release.file_size), ' file. Each patch is applied and checked against this release before it is offered.'),
    deltas.length ? table(app, path, release, deltas, versions, reload) : h('p', { id: 'patches-empty' }, 'No patches to this release.'),
    can('publisher') ? requestForm(path, earlier, deltas, reload) : null);
  if (deltas.some((d) => d.state === 'pending' || d.state === 'running')) {
    setTimeout(() => { if (card.isConnected) reload(); }, POLL_MS);
  }
}

function table(app, path, release, deltas, versions, reload) {
  const headers = ['From', 'Source', 'State', 'Format', 'Patch', 'Full file', 'Saving', 'Made', 'Reason'];
  if (can('publisher')) headers.push('Action');
  return scroller('Patches', h('table', { class: 'history', id: 'patches-table' },
    h('thead', null, h('tr', null, headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, deltas.map((d) => h('tr', { dataset: { delta: d.id } },
      h('td', null, fromRelease(app, d, versions)),
      h('td', null, d.source === 'uploaded' ? 'uploaded' : 'server'),
      h('td', null, h('span', { class: 'badge ' + stateClass(d.state) }, d.state)),
      h('td', null, d.format || '—'),
      h('td', { class: 'num' }, bytes(d.patch_size)),
      h('td', { class: 'num' }, bytes(d.full_size)),
      h('td', { class: 'num saving' }, saving(d.saving)),
      h('td', null, d.finished_at ? when(d.finished_at) : '—'),
      h('td', { class: 'reason' }, d.reason || '—'),
      can('publisher') ? h('td', null, removeButton(path, release, d, versions, reload)) : null)))));
}

function fromRelease(app, d, versions) {
  const version = versions.get(d.from_release_id);
  const label = version ? `${version} (code ${d.from_version_code})` : `release ${d.from_release_id} (code ${d.from_version_code})`;
  return h('a', { href: `#/apps/${encodeURIComponent(app)}/releases/${encodeURIComponent(d.from_release_id)}` }, label);
}

function removeButton(path, release, d, versions, reload) {
  const from = versions.get(d.from_release_id) || `release ${d.from_release_id}`;
  return h('button', { type: 'button', class: 'secondary small remove-patch',
    onclick: async () => {
      if (!(await confirmAction(`Remove the patch from ${from}?`,
        `Devices on ${from} will download the whole ${release.version} file instead. You can request the patch again.`, 'Remove'))) return;
      try {
        await del(path + '/' + encodeURIComponent(d.id));
        flash(`Removed the patch from ${from}.`);
        await reload();
      } catch (e) { flash(e.message, 'error'); }
    } }, 'Remove');
}

function requestForm(path, earlier, deltas, reload) {
  const made = new Map(deltas.map((d) => [d.from_release_id, d.state]));
  const choices = [...earlier].sort((a, b) => b.version_code - a.version_code);
  if (!choices.length) {
    return h('p', { class: 'muted' }, 'There is no earlier hosted release of this platform to make a patch from.');
  }
  const select = h('select', { id: 'patch-from', 'aria-label': 'Earlier release' },
    choices.map((r) => h('option', { value: r.id },
      `${r.version} (code ${r.version_code})${made.has(r.id) ? ` — ${made.get(r.id)}` : ''}`)));
  const button = h('button', { type: 'button', id: 'request-patch',
    onclick: async () => {
      const chosen = choices.find((r) => String(r.id) === select.value);
      button.disabled = true;
      try {
        await post(path, { from_release_id: Number(select.value) });
        flash(`Queued a patch from ${chosen ? chosen.version : select.value}; the server makes and checks it in the background.`);
        await reload();
      } catch (e) {
        flash(e.message, 'error');
        button.disabled = false;
      }
    } }, 'Make patch');
  return h('div', { class: 'patch-request', id: 'patch-request' },
    h('label', { class: 'inline', for: 'patch-from' }, 'Make a patch from ', select), button,
    h('p', { class: 'muted' }, 'Making one again replaces a failed, discarded or removed one. Patches that save less than 20 % are discarded.'));
}

/**
 * How the release reached devices in the figures' window (the `deltas` part of its figures):
 * bytes sent as patches against full downloads, the patch hit rate and why patches failed.
 */
export function deltaFigures(d) {
  if (!d) return null;
  const unsized = d.unsized_patch_deliveries
    ? h('p', { class: 'muted', id: 'delta-unsized' }, `${d.unsized_patch_deliveries} patch deliveries are counted as 0 bytes: their patch was removed or is being made again.`)
    : null;
  return h('div', { class: 'delta-figures', id: 'delta-figures' },
    h('h3', null, 'Patches against full downloads'),
    scroller('Patch figures', h('table', { class: 'history' },
      h('thead', null, h('tr', null, ['Delivered', 'Downloads', 'Bytes'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null,
        h('tr', null, h('th', { scope: 'row' }, 'As patches'), h('td', { class: 'num', id: 'delta-patch-count' }, d.patch_deliveries), h('td', { class: 'num', id: 'delta-patch-bytes' }, bytes(d.patch_bytes))),
        h('tr', null, h('th', { scope: 'row' }, 'Full files'), h('td', { class: 'num', id: 'delta-full-count' }, d.full_downloads), h('td', { class: 'num', id: 'delta-full-bytes' }, bytes(d.full_bytes)))))),
    h('p', null, 'Patch hit rate ', h('strong', { id: 'delta-hit-rate' }, percent(d.patch_hit_basis_points)),
      ' · saved ', h('strong', { id: 'delta-saved' }, bytes(d.saved_bytes)),
      ' · patches that could not be used ', h('strong', { id: 'delta-failed' }, d.delta_failed)),
    unsized,
    d.top_delta_failed_reasons && d.top_delta_failed_reasons.length
      ? h('table', { class: 'history', id: 'delta-failed-reasons' },
        h('thead', null, h('tr', null, h('th', null, 'Why a patch could not be used'), h('th', null, 'Count'))),
        h('tbody', null, d.top_delta_failed_reasons.map((r) => h('tr', null, h('td', null, r.reason), h('td', { class: 'num' }, r.count)))))
      : null);
}

function saving(share) {
  if (share === null || share === undefined) return '—';
  return (Math.floor(share * 1000) / 10).toFixed(1) + ' %';
}

function stateClass(state) {
  if (state === 'ready') return 'good';
  if (state === 'failed') return 'bad';
  if (state === 'discarded') return 'warn';
  return 'state-rolling';
}

function unavailable(e) {
  if (e instanceof ApiError && e.status === 404 && !String(e.code).startsWith('release.') && !String(e.code).startsWith('app.')) {
    return 'This server does not make patches.';
  }
  return e.message;
}
