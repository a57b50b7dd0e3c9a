// Figures of a release (checks, offers, downloads, installs, failures; the failure share against
// the halt threshold) and adoption charts (devices per version per day), from the figures API.
import { ApiError, appPath, get, releasePath } from './api.js';
import { h, replace, scroller } from './dom.js';
import { barChart, lineChart, thresholdMeter } from './charts.js';
import { duration } from './format.js';
import { deltaFigures } from './release-patches.js';

const DAYS = 30;
/** Versions drawn in an adoption chart; the rest are summed as "other". */
const MAX_VERSIONS = 6;

export function figuresSection(app, release, rollout) {
  const card = h('section', { class: 'card', id: 'figures' }, h('h2', null, 'Figures'), h('p', { class: 'muted' }, 'Loading…'));
  loadFigures(card, app, release, rollout);
  return card;
}

async function loadFigures(card, app, release, rollout) {
  let f;
  let adoption;
  try {
    [f, adoption] = await Promise.all([
      get(releasePath(app, release.id) + `/figures?days=${DAYS}`),
      get(appPath(app) + `/adoption?days=${DAYS}&platform=${encodeURIComponent(release.platform)}`),
    ]);
  } catch (e) {
    replace(card, h('h2', null, 'Figures'), h('p', { class: 'muted' }, unavailable(e)));
    return;
  }
  const events = f.events || {};
  const policy = rollout && rollout.health_policy;
  replace(card, h('h2', null, `Figures (last ${f.days} days)`),
    barChart([
      { label: 'Checks', value: f.checks, colour: '#2563eb' },
      { label: 'Offered', value: f.offers, colour: '#0891b2' },
      { label: 'Downloads', value: events.download_completed || 0, colour: '#7c3aed' },
      { label: 'Installs', value: events.install_succeeded || 0, colour: '#16a34a' },
      { label: 'Failures', value: f.failed, colour: '#dc2626' },
    ], { title: `Checks from ${f.devices} devices on it; offered to ${f.offered_devices} devices` }),
    healthMeter(f, rollout),
    crashFree(f, release),
    release.hosted || (f.deltas && f.deltas.patch_deliveries) ? deltaFigures(f.deltas) : null,
    reasons(f.top_failure_reasons || []),
    adoptionShare(adoption.adoption, release, rollout),
    adoptionChart(adoption.adoption, `Devices per version on ${release.platform}`, release.version));
}

const STEP_ACTIONS = ['publish', 'share', 'ramp', 'pause', 'resume', 'halt'];

/**
 * The release's share of the platform's active devices per day, with its rollout steps marked
 * (publish, share changes, ramp steps, pauses, halts) on the days they happened, or on the next
 * day with figures.
 */
function adoptionShare(rows, release, rollout) {
  const days = [...new Set((rows || []).map((r) => r.day))].sort();
  if (days.length === 0) return null;
  const version = release.version.replace(/\+.*$/, '');
  const total = new Map();
  const mine = new Map();
  for (const r of rows) {
    total.set(r.day, (total.get(r.day) || 0) + r.devices);
    if (r.version === version) mine.set(r.day, (mine.get(r.day) || 0) + r.devices);
  }
  const values = days.map((d) => (total.get(d) ? (100 * (mine.get(d) || 0)) / total.get(d) : 0));
  // A step on a day without figures (published the day before the first check, say) is marked on
  // the next day that has them, with its own date in the label.
  const markers = ((rollout && rollout.history) || [])
    .filter((e) => STEP_ACTIONS.includes(e.action))
    .map((e) => {
      const day = String(e.at).slice(0, 10);
      const index = days.findIndex((d) => d >= day);
      const label = e.action === 'publish' ? 'published' : e.action === 'ramp' || e.action === 'share' ? percentOf(e.to) : e.action;
      return { index, label: index >= 0 && days[index] !== day ? `${label} (${day.slice(5)})` : label };
    })
    .filter((m) => m.index >= 0);
  return h('div', { id: 'adoption-share' }, lineChart(days.map((d) => d.slice(5)),
    [{ name: `${version} of active devices`, values }],
    { title: `Share of active ${release.platform} devices on ${version}, rollout steps marked`, format: (v) => `${Math.round(v)} %`, markers }));
}

function percentOf(bp) {
  const n = Number(bp);
  return Number.isFinite(n) ? `${n / 100} %` : String(bp);
}

/**
 * The failure share the health monitor judges against its threshold: the policy window's installs
 * from the rollout answer (the same counts and rounding as a halt), or, from a server without
 * them, the figures' period.
 */
function healthMeter(f, rollout) {
  const policy = rollout && rollout.health_policy;
  const threshold = policy ? policy.max_failure_basis_points : 500;
  const minimum = policy ? policy.min_attempts : 20;
  const health = rollout && rollout.health;
  if (health) {
    return thresholdMeter(health.failure_basis_points || 0, threshold, health.attempted, minimum,
      `in the last ${duration(health.window_minutes)}, the window the health monitor judges`);
  }
  return thresholdMeter(f.failure_basis_points || 0, threshold, f.attempted, minimum, `in the last ${f.days} days`);
}

/** This release's crash-free sessions and devices beside the previous release's, same window. */
function crashFree(f, release) {
  if (!f.crash_free) return null;
  const share = (bp) => (bp === null || bp === undefined ? '—' : (bp / 100).toFixed(2) + ' %');
  const row = (name, c) => h('tr', null, h('th', { scope: 'row' }, name),
    h('td', { class: 'num' }, share(c.crash_free_sessions_basis_points)), h('td', { class: 'num' }, c.sessions),
    h('td', { class: 'num' }, share(c.crash_free_devices_basis_points)), h('td', { class: 'num' }, c.devices));
  const base = f.baseline;
  return h('div', { class: 'crash-free', id: 'crash-free' },
    h('h3', null, 'Crash-free, against the previous release'),
    scroller('Crash-free figures', h('table', { class: 'history' },
      h('thead', null, h('tr', null, ['Release', 'Crash-free sessions', 'Sessions', 'Crash-free devices', 'Devices'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, row(`${release.version} (this)`, f.crash_free),
        base ? row(`${base.version} (previous)`, base.crash_free) : null))),
    base ? null : h('p', { class: 'muted' }, 'No earlier release of this platform and channel to compare with.'));
}

function unavailable(e) {
  if (e instanceof ApiError && e.status === 404 && !String(e.code).startsWith('release.') && !String(e.code).startsWith('app.')) {
    return 'This server does not collect figures.';
  }
  return e.message;
}

function reasons(rows) {
  if (!rows.length) return null;
  return h('table', { class: 'history', id: 'failure-reasons' },
    h('thead', null, h('tr', null, h('th', null, 'Failure'), h('th', null, 'Reason'), h('th', null, 'Count'))),
    h('tbody', null, rows.map((r) => h('tr', null, h('td', null, r.type), h('td', null, r.reason), h('td', { class: 'num' }, r.count)))));
}

/**
 * A line chart of devices per version per day from adoption rows ({day, version, devices}); the
 * most used versions are drawn, the rest summed as "other". highlight: a version drawn first.
 */
export function adoptionChart(rows, title, highlight) {
  if (!rows || rows.length === 0) {
    return h('p', { class: 'muted adoption-empty' }, 'No device has checked in yet in this period.');
  }
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const totals = new Map();
  for (const r of rows) totals.set(r.version, (totals.get(r.version) || 0) + r.devices);
  const ranked = [...totals.keys()].sort((a, b) => (a === highlight ? -1 : b === highlight ? 1 : totals.get(b) - totals.get(a)));
  const shown = ranked.slice(0, MAX_VERSIONS);
  const series = shown.map((version) => ({ name: version, values: days.map(() => 0) }));
  const other = { name: 'other', values: days.map(() => 0), colour: '#9ca3af' };
  for (const r of rows) {
    const i = shown.indexOf(r.version);
    (i >= 0 ? series[i] : other).values[days.indexOf(r.day)] += r.devices;
  }
  if (ranked.length > MAX_VERSIONS) series.push(other);
  return lineChart(days.map((d) => d.slice(5)), series, { title });
}
