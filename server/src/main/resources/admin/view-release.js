// One release: what it is, its notes and statement, what can be done to it, its rollout, figures
// and patches.
import { ApiError, can, get, post, releasePath } from './api.js';
import { confirmAction, flash, h, replace } from './dom.js';
import { bytes, percent, when } from './format.js';
import { fetchRollout, stateOf, statusOf } from './rollout.js';
import { rolloutSection } from './release-rollout.js';
import { figuresSection } from './figures.js';
import { patchesSection } from './release-patches.js';

export async function renderRelease(main, app, id) {
  const [{ release }, rollout] = await Promise.all([get(releasePath(app, id)), fetchRollout(app, id)]);
  // Recalling deactivates a release, so only an inactive one can have a recall to show.
  const recall = release.is_active ? null : await fetchRecall(app, id);
  const rerender = () => renderRelease(main, app, id);
  const status = statusOf(release, recall);
  const appLink = h('a', { href: `#/apps/${encodeURIComponent(app)}` }, app);
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Overview'), ' / ', appLink, ' / ', release.version),
    h('div', { class: 'page-head' },
      h('h1', null, release.version, ' ', h('span', { class: 'muted' }, `${release.platform} · ${release.channel}`)),
      h('div', { class: 'badges' },
        h('span', { class: 'badge ' + (status === 'active' ? 'good' : 'bad'), id: 'release-status' }, status),
        h('span', { class: 'badge state-' + stateOf(release, rollout), id: 'release-rollout-state' }, stateOf(release, rollout)),
        h('span', { class: 'badge ' + (release.signature ? 'good' : 'warn') }, release.signature ? 'signed' : 'unsigned'),
        release.is_mandatory ? h('span', { class: 'badge warn' }, 'mandatory') : null)),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, h('h2', null, 'Release'), details(release)),
      can('publisher') ? actions(app, release, recall, rerender) : null),
    recall ? recallCard(recall) : null,
    rolloutSection(app, release, rollout, rerender, status),
    figuresSection(app, release, rollout),
    patchesSection(app, release),
    h('section', { class: 'card' }, h('h2', null, 'Release notes'),
      h('pre', { class: 'notes', id: 'release-notes' }, release.release_notes || '(none)')),
    statement(release));
}

function details(r) {
  const rows = [
    ['Version code', r.version_code],
    ['Published', when(r.published_at)],
    ['Rollout share', r.is_active ? percent(r.rollout_basis_points) : 'not offered'],
    ['Minimum supported version', r.min_supported_version || '—'],
    ['Size', bytes(r.file_size)],
    ['SHA-256', r.checksum || '—'],
    ['File', r.file_name || (r.hosted ? '—' : 'external')],
    ['Download', downloadLink(r.download_url)],
  ];
  return h('dl', { class: 'details' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function downloadLink(url) {
  if (!url) return '—';
  return /^https?:\/\//i.test(url)
    ? h('a', { href: url, rel: 'noopener noreferrer', id: 'download-link' }, url)
    : url;
}

function statement(r) {
  if (!r.statement) {
    return h('section', { class: 'card' }, h('h2', null, 'Signed statement'),
      h('p', { class: 'muted' }, 'This release is not signed. Publish with `petrel publish --key …` to sign, and require signatures on the app.'));
  }
  let text;
  try {
    const raw = atob(r.statement);
    text = new TextDecoder().decode(Uint8Array.from(raw, (c) => c.charCodeAt(0)));
    text = JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    text = r.statement;
  }
  return h('section', { class: 'card' }, h('h2', null, 'Signed statement'),
    h('p', null, 'Signed with key ', h('code', null, r.signing_key_id || '?'), '; signature ', h('code', { class: 'wrap' }, r.signature)),
    h('pre', { class: 'statement', id: 'release-statement' }, text));
}

/** The release's recall from GET …/recall, or null when it has none (or the server cannot recall). */
async function fetchRecall(app, id) {
  try {
    return (await get(releasePath(app, id) + '/recall')).recall;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code !== 'release.not_found') return null;
    throw e;
  }
}

function recallCard(recall) {
  const rows = [
    ['Reason', recall.reason || '—'],
    ['Recalled', `${when(recall.recalled_at)} by ${recall.recalled_by}`],
    ['Signed', recall.signed ? `yes, key ${recall.signing_key_id}` : 'no (devices are told, none is downgraded)'],
    ['Back to', recall.target_version ? `${recall.target_version} (code ${recall.target_version_code})` : '—'],
    ['Downgrade offered', recall.downgrade_allowed ? 'yes' : 'no'],
  ];
  return h('section', { class: 'card', id: 'recall-details' }, h('h2', null, 'Recall'),
    h('dl', { class: 'details' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])));
}

function actions(app, r, recall, rerender) {
  const act = async (title, text, label, path, body, done) => {
    if (!(await confirmAction(title, text, label))) return;
    try {
      const answer = await post(releasePath(app, r.id) + path, body);
      const warnings = answer.warnings && answer.warnings.length ? ' ' + answer.warnings.join(' ') : '';
      flash(done + warnings);
      await rerender();
    } catch (e) { flash(e.message, 'error'); }
  };
  const reason = h('input', { id: 'recall-reason', placeholder: 'reason (shown to devices on recall)', maxlength: 500 });
  return h('section', { class: 'card', id: 'release-actions' }, h('h2', null, 'Act'),
    r.is_active
      ? h('button', { type: 'button', class: 'danger', id: 'deactivate',
        onclick: () => act(`Deactivate ${r.version}?`, 'Devices stop being offered this release at once. Devices already on it are told it was withdrawn; none is moved to another version.', 'Deactivate', '/deactivate', undefined, `Deactivated ${r.version}.`) }, 'Deactivate')
      : h('button', { type: 'button', class: 'secondary', id: 'activate',
        onclick: () => act(`Activate ${r.version}?`, 'Devices will be offered this release again, within its rollout share.', 'Activate', '/activate', undefined, `Activated ${r.version}.`) }, 'Activate'),
    recall ? null : h('div', { class: 'recall' }, reason,
      h('button', { type: 'button', class: 'danger', id: 'recall',
        onclick: () => act(`Recall ${r.version}?`, 'The release stops being offered and devices on it are told it was recalled, with your reason. A recall from the panel is not signed, so no device is offered an older version: publish a fixed release, or recall with `petrel releases recall --key` to let desktop devices go back.', 'Recall', '/recall', { reason: reason.value.trim() || 'recalled from the admin panel' }, `Recalled ${r.version}.`) }, 'Recall')));
}
