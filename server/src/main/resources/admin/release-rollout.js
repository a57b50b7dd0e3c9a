// The rollout card of a release page: share, pause/resume, ramp plan, health policy and history.
import { can, del, post, put, releasePath } from './api.js';
import { confirmAction, field, flash, h, scroller } from './dom.js';
import { duration, percent, planText, shareInput, when } from './format.js';
import { formatSteps, parseSteps } from './rollout.js';

/**
 * status: the release's status (active, deactivated or recalled). A release that is not active is
 * offered to nobody, and a paused or halted one to no new device: neither shows a share it does not
 * have, nor the controls that would change it.
 */
export function rolloutSection(app, release, rollout, rerender, status = 'active') {
  const card = h('section', { class: 'card', id: 'rollout' }, h('h2', null, 'Rollout'));
  if (!rollout) {
    card.append(h('p', null, 'Share ', h('strong', null, percent(release.rollout_basis_points)), '.'),
      h('p', { class: 'muted' }, 'This server has no rollout API, so the share cannot be changed here.'));
    return card;
  }
  const path = releasePath(app, release.id) + '/rollout';
  const run = async (title, text, label, send, done) => {
    if (title && !(await confirmAction(title, text, label))) return;
    try {
      await send();
      flash(done);
      await rerender();
    } catch (e) { flash(e.message, 'error'); }
  };
  const attention = rollout.needs_attention ? h('span', { class: 'badge bad', id: 'rollout-attention' }, 'needs attention: ' + (rollout.attention_reason || '')) : null;
  const badge = h('span', { class: 'badge state-' + rollout.state, id: 'rollout-state' }, rollout.state);
  if (status !== 'active') {
    card.append(h('p', { class: 'rollout-now', id: 'rollout-none' },
      `Offered to no device: this release is ${status}. `, badge),
    h('p', { class: 'muted' }, status === 'recalled'
      ? 'Devices on it are told it was recalled. Activate it to offer it again within its share.'
      : 'Devices on it are told it was withdrawn. Activate it to offer it again within its share.'),
    policy(rollout.health_policy), history(rollout.history || []));
    return card;
  }
  const stopped = rollout.state === 'paused' || rollout.state === 'halted';
  if (stopped) {
    card.append(h('p', { class: 'rollout-now', id: 'rollout-stopped' },
      `${rollout.state === 'halted' ? 'Halted' : 'Paused'} at ${percent(rollout.basis_points)}: no device that was not offered it yet is offered it until it is resumed. `,
      badge, attention));
  } else {
    card.append(h('p', { class: 'rollout-now' },
      h('span', { class: 'share', id: 'rollout-share' }, percent(rollout.basis_points)), ' of devices · ', badge, attention));
    const bar = h('div', { class: 'share-bar', role: 'img', 'aria-label': `${percent(rollout.basis_points)} of devices` }, h('div', { class: 'share-fill' }));
    bar.firstChild.style.width = Math.min(100, rollout.basis_points / 100) + '%';
    card.append(bar);
  }
  if (rollout.plan && rollout.plan.steps && rollout.plan.steps.length) {
    card.append(h('p', { class: 'muted', id: 'rollout-plan-summary' }, planSummary(rollout.plan)),
      timeline(rollout));
  }
  if (can('publisher')) {
    const share = h('input', { type: 'number', id: 'share-input', min: 0, max: 100, step: '0.01', value: rollout.basis_points / 100 });
    const reason = h('input', { id: 'rollout-reason', placeholder: 'reason (for the history)', maxlength: 500 });
    const why = () => reason.value.trim() || 'from the admin panel';
    const paused = stopped;
    const steps = h('textarea', { id: 'ramp-input', rows: 4, placeholder: '5 60\n25 240\n100 0' });
    steps.value = formatSteps(rollout.plan && rollout.plan.steps);
    card.append(h('div', { class: 'controls' },
      paused ? null : field('Share (%)', share),
      paused ? null : h('button', { type: 'button', class: 'primary', id: 'set-share', onclick: () => {
        let bp;
        try { bp = shareInput(share.value); } catch (e) { flash(e.message, 'error'); return; }
        run(`Change the share to ${percent(bp)}?`, `From ${percent(rollout.basis_points)}. Devices are admitted by a stable per-device bucket, so a lower share takes the release away from some devices that were offered it.`, 'Change share',
          () => post(path, { basis_points: bp, reason: why() }), `Share set to ${percent(bp)}.`);
      } }, 'Set share'),
      paused
        ? h('button', { type: 'button', class: 'secondary', id: 'resume', onclick: () => run(`Resume the rollout of ${release.version}?`, 'Devices in the share will be offered it again.', 'Resume', () => post(path + '/resume', { reason: why() }), 'Rollout resumed.') }, 'Resume')
        : h('button', { type: 'button', class: 'danger', id: 'pause', onclick: () => run(`Pause the rollout of ${release.version}?`, 'No device that has not yet been offered it will be offered it until you resume.', 'Pause', () => post(path + '/pause', { reason: why() }), 'Rollout paused.') }, 'Pause'),
      reason),
    h('details', { class: 'ramp-editor' }, h('summary', null, 'Ramp plan'),
      field('One step per line: "<percent> <minutes to stay at least>"', steps),
      h('button', { type: 'button', class: 'secondary', id: 'save-plan', onclick: () => {
        let parsed;
        try { parsed = parseSteps(steps.value); } catch (e) { flash(e.message, 'error'); return; }
        run('Replace the ramp plan?', `${parsed.length} steps; the rollout advances on its own when the release stays healthy.`, 'Save plan',
          () => put(path + '/plan', { steps: parsed }), 'Ramp plan saved.');
      } }, 'Save plan'), ' ',
      h('button', { type: 'button', class: 'danger', id: 'remove-plan', onclick: () => run('Remove the ramp plan?', 'The share stays where it is and no longer advances on its own.', 'Remove plan', () => del(path + '/plan'), 'Ramp plan removed.') }, 'Remove plan')),
    policyEditor(rollout.health_policy, (body) => run('Change the health policy?', 'The health monitor judges this release by the new threshold from its next run.', 'Change policy', () => put(path + '/health-policy', body), 'Health policy changed.')));
  }
  card.append(policy(rollout.health_policy), gate(rollout.gate), history(rollout.history || []));
  return card;
}

const DECISIONS = {
  advance: 'lets the ramp move on', wait: 'holds the ramp until it knows more', halt: 'halts the release',
};

/** The statistical gate (docs/health.md): what it decides and the counts it compares. */
function gate(g) {
  if (!g) return null;
  const against = g.baseline_version ? ` against ${g.baseline_version}` : ' (no previous release to compare with)';
  const rows = (g.metrics || []).map((m) => h('li', null,
    `${m.name === 'crashes' ? 'Crashes' : 'Failed installs'}: ${m.events} of ${m.trials} vs ${m.baseline_events} of ${m.baseline_trials} — ${m.verdict.replace('_', ' ')}`));
  return h('div', { id: 'rollout-gate' },
    h('p', null, `Statistical gate${against}: it ${DECISIONS[g.decision] || g.decision}.`),
    rows.length ? h('ul', { class: 'muted' }, rows) : null);
}

function policyEditor(p, save) {
  if (!p) return null;
  const threshold = h('input', { type: 'number', id: 'policy-threshold', min: 0, max: 100, step: '0.01', value: p.max_failure_basis_points / 100 });
  const attempts = h('input', { type: 'number', id: 'policy-attempts', min: 1, value: p.min_attempts });
  const windowMinutes = h('input', { type: 'number', id: 'policy-window', min: 1, value: p.window_minutes });
  const autoRecall = h('input', { type: 'checkbox', id: 'policy-auto-recall', checked: p.auto_recall });
  return h('details', { class: 'ramp-editor' }, h('summary', null, 'Health policy'),
    h('div', { class: 'controls' },
      field('Halt above failure share (%)', threshold), field('after at least (attempts)', attempts),
      field('within (minutes)', windowMinutes), h('label', { class: 'inline' }, autoRecall, ' and recall it')),
    h('button', { type: 'button', class: 'secondary', id: 'save-policy', onclick: () => {
      let max;
      try { max = shareInput(threshold.value, 'Halt threshold'); } catch (e) { flash(e.message, 'error'); return; }
      save({
      max_failure_basis_points: max,
      min_attempts: Number(attempts.value),
      window_minutes: Number(windowMinutes.value),
      auto_recall: autoRecall.checked,
    });
    } }, 'Save policy'));
}

function planSummary(plan) {
  const steps = plan.steps.map((s) => percent(s.basis_points)).join(' → ');
  const at = plan.current_step !== undefined && plan.current_step !== null ? ` · step ${plan.current_step + 1} of ${plan.steps.length}` : '';
  const next = plan.next_step_due_at ? ` · next step (${percent(plan.next_step_basis_points)}) due ${when(plan.next_step_due_at)}` : '';
  return `Ramp: ${steps}${at}${next}`;
}

function policy(p) {
  if (!p) return null;
  return h('p', { class: 'muted', id: 'health-policy' },
    `Halts when more than ${percent(p.max_failure_basis_points)} of at least ${p.min_attempts} attempted installs fail within ${duration(p.window_minutes)}`,
    p.auto_recall ? ', and then recalls it.' : '.');
}

/**
 * The ramp plan against what happened: per step, its share, the earliest time the plan allows
 * (publish time plus the dwells before it), when the share was actually reached, and the health it
 * was reached on (the ramp advancer's note).
 */
function timeline(rollout) {
  const history = (rollout.history || []).slice().reverse(); // oldest first
  let earliest = Date.parse(rollout.published_at);
  const rows = rollout.plan.steps.map((step, i) => {
    if (i > 0) earliest += rollout.plan.steps[i - 1].min_dwell_minutes * 60000;
    const reached = history.find((e) => ['publish', 'ramp', 'share'].includes(e.action) && Number(e.to) === step.basis_points);
    return h('tr', { dataset: { step: i + 1 } },
      h('th', { scope: 'row' }, `${i + 1}`), h('td', null, percent(step.basis_points)),
      h('td', null, Number.isNaN(earliest) ? '—' : when(new Date(earliest).toISOString())),
      h('td', null, reached ? when(reached.at) : 'not yet'),
      h('td', null, reached ? (reached.action === 'ramp' ? reached.reason || '' : ACTIONS[reached.action] || reached.action) : ''));
  });
  return scroller('Ramp timeline', h('table', { class: 'history', id: 'rollout-timeline' },
    h('caption', { class: 'sr-only' }, 'Ramp timeline: planned and actual steps'),
    h('thead', null, h('tr', null, ['Step', 'Share', 'Planned earliest', 'Reached', 'On'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows)));
}

/** What each history action is called on the page. */
const ACTIONS = {
  publish: 'published', share: 'share changed', pause: 'paused', resume: 'resumed',
  halt: 'halted by the health monitor', ramp: 'ramp step taken', plan: 'ramp plan set',
  plan_cleared: 'ramp plan removed', health_policy: 'health policy changed', recall: 'recalled',
  deactivate: 'deactivated', activate: 'activated', experiment: 'joined an experiment',
  experiment_ended: 'experiment ended', gate: 'statistical gate set', gate_removed: 'statistical gate removed',
};

function history(entries) {
  if (!entries.length) return h('p', { class: 'muted' }, 'No rollout changes yet.');
  return scroller('Rollout history', h('table', { class: 'history', id: 'rollout-history' },
    h('thead', null, h('tr', null, ['When', 'Who', 'What', 'From', 'To', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, entries.map((e) => h('tr', { dataset: { action: e.action } },
      h('td', null, when(e.at)), h('td', null, e.actor), h('td', null, ACTIONS[e.action] || e.action),
      h('td', null, show(e.action, e.from)), h('td', null, show(e.action, e.to)), h('td', null, e.reason || ''))))));
}

/**
 * A history value for people: ramp plans as "10 % for 1 d → 100 %", shares (basis points) as
 * percentages, health policies and states as given.
 */
function show(action, value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (action === 'plan' || action === 'plan_cleared') return planText(text);
  if (action === 'health_policy' || action === 'recall' || action === 'deactivate' || action === 'activate') return text;
  return /^\d+$/.test(text) && Number(text) <= 10000 ? percent(Number(text)) : text;
}
