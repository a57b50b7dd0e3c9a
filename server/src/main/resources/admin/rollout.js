// Rollout state of releases, read from the rollout API when the server has it.
import { ApiError, appPath, get, releasePath } from './api.js';

/** The rollout state shown for a release row: the server's when it says, else derived. */
export function stateOf(release, rollout) {
  if (rollout && rollout.state) return rollout.state;
  if (release.rollout_state) return release.rollout_state;
  if (!release.is_active) return 'inactive';
  return release.rollout_basis_points >= 10000 ? 'complete' : 'rolling';
}

/** Whether a release is offered to no device: deactivated (with or without a recall). */
export function isInactive(release) {
  return !release.is_active;
}

/**
 * The status shown for a release: "recalled" when it has a recall, "deactivated" when it is only
 * switched off, else "halted" or "paused" from its rollout, else "active".
 */
export function statusOf(release, recall, rollout) {
  if (!release.is_active) return recall ? 'recalled' : 'deactivated';
  const state = rollout && rollout.state;
  return state === 'halted' || state === 'paused' ? state : 'active';
}

/**
 * The rollout state of a release from GET …/rollout, or null when this server has no rollout API
 * (404 with a route-level code) — older servers answer only the share in the release itself.
 */
export async function fetchRollout(app, id) {
  try {
    const answer = await get(releasePath(app, id) + '/rollout');
    return answer.rollout || answer;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405) && !String(e.code).startsWith('release.')) {
      return null;
    }
    throw e;
  }
}

/** Parses ramp steps typed as "percent minutes" per line (e.g. "5 60"). */
export function parseSteps(text) {
  const steps = [];
  for (const [i, line] of text.split('\n').entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const m = /^(\d+(?:\.\d+)?)\s*%?\s+(\d+)$/.exec(trimmed);
    if (!m) throw new Error(`ramp line ${i + 1}: expected "<percent> <minutes>", found "${trimmed}"`);
    steps.push({ basis_points: Math.round(Number(m[1]) * 100), min_dwell_minutes: Number(m[2]) });
  }
  return steps;
}

/** Formats steps as parseSteps reads them. */
export function formatSteps(steps) {
  return (steps || []).map((s) => `${s.basis_points / 100} ${s.min_dwell_minutes}`).join('\n');
}

/**
 * The rollouts of an app's releases (GET …/rollouts: newest 1000, needing attention first) as a
 * Map by release id, or null when this server has no rollout API.
 */
export async function fetchRolloutList(app) {
  try {
    const answer = await get(appPath(app) + '/rollouts');
    return new Map(answer.rollouts.map((r) => [r.release_id, r]));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405) && !String(e.code).startsWith('app.')) {
      return null;
    }
    throw e;
  }
}
