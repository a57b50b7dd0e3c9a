// The figures card of a release page: checks, downloads, installs and failures per day, and the
// failure share against the halt threshold. Filled from GET …/figures when the server has it.
import { ApiError, get, releasePath } from './api.js';
import { h, replace } from './dom.js';
import { barChart, lineChart, thresholdMeter } from './charts.js';

const DAYS = 30;
const SERIES = [
  ['checks', 'Checks'],
  ['downloads', 'Downloads'],
  ['installs', 'Installs'],
  ['failures', 'Failures'],
];

export function figuresSection(app, release, rollout) {
  const card = h('section', { class: 'card', id: 'figures' }, h('h2', null, 'Figures'), h('p', { class: 'muted' }, 'Loading…'));
  load(card, app, release, rollout);
  return card;
}

async function load(card, app, release, rollout) {
  let figures;
  try {
    const answer = await get(releasePath(app, release.id) + `/figures?days=${DAYS}`);
    figures = answer.figures || answer;
  } catch (e) {
    const missing = e instanceof ApiError && e.status === 404 && !String(e.code).startsWith('release.');
    replace(card, h('h2', null, 'Figures'), h('p', { class: 'muted' }, missing ? 'This server does not collect release figures.' : e.message));
    return;
  }
  const days = figures.days || [];
  const totals = figures.totals || sum(days);
  const policy = rollout && rollout.health_policy;
  replace(card, h('h2', null, 'Figures'),
    barChart(SERIES.map(([key, label]) => ({ label, value: totals[key] || 0 })), { title: `Totals over ${DAYS} days` }),
    days.length ? lineChart(days.map((d) => String(d.date).slice(5)),
      SERIES.map(([key, label]) => ({ name: label, values: days.map((d) => d[key] || 0) })),
      { title: 'Per day' }) : h('p', { class: 'muted' }, 'No events yet.'),
    health(figures.health, policy));
}

function health(figures, policy) {
  if (!figures) return null;
  const attempted = figures.attempted || 0;
  const failed = figures.failed || 0;
  const shareBp = attempted ? Math.round((failed * 10000) / attempted) : 0;
  const threshold = policy ? policy.max_failure_basis_points : 500;
  const minAttempts = policy ? policy.min_attempts : 20;
  return thresholdMeter(shareBp, threshold, attempted, minAttempts);
}

function sum(days) {
  const totals = {};
  for (const d of days) for (const [key] of SERIES) totals[key] = (totals[key] || 0) + (d[key] || 0);
  return totals;
}
