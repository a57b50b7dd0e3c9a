// The panel's entry point: session, navigation and hash routing.
import { ApiError, can, loadSession, session, signOut } from './api.js';
import { clearFlash, flash, h, replace } from './dom.js';
import { renderSignIn } from './view-signin.js';
import { renderHome } from './view-home.js';
import { renderReleases } from './view-releases.js';
import { renderRelease } from './view-release.js';
import { renderPublish } from './view-publish.js';
import { renderAudit, renderTokens } from './view-admin.js';
import { renderWebhooks } from './view-webhooks.js';
import { renderCohorts } from './view-cohorts.js';

const ROUTES = [
  [/^#\/apps\/([^/]+)\/releases\/(\d+)$/, (m) => renderRelease(main(), decodeURIComponent(m[1]), Number(m[2]))],
  [/^#\/apps\/([^/]+)\/publish$/, (m) => renderPublish(main(), decodeURIComponent(m[1]))],
  [/^#\/apps\/([^/]+)\/webhooks$/, (m) => renderWebhooks(main(), decodeURIComponent(m[1]))],
  [/^#\/apps\/([^/]+)\/channels$/, (m) => renderCohorts(main(), decodeURIComponent(m[1]))],
  [/^#\/apps\/([^/]+)$/, (m) => renderReleases(main(), decodeURIComponent(m[1]))],
  [/^#\/audit$/, () => renderAudit(main())],
  [/^#\/tokens$/, () => renderTokens(main())],
  [/^(#\/?)?$/, () => renderHome(main())],
];

function main() {
  return document.getElementById('main');
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (signedIn) {
    document.getElementById('who-name').textContent = session.name;
    document.getElementById('who-role').textContent = session.role;
    for (const link of document.querySelectorAll('[data-role]')) {
      link.hidden = !can(link.dataset.role);
    }
  }
}

async function route() {
  if (!session.role) {
    showChrome(false);
    renderSignIn(main(), start);
    arrived();
    return;
  }
  showChrome(true);
  const hash = window.location.hash;
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(hash);
    if (match) {
      try {
        await render(match);
      } catch (e) {
        showError(e);
      }
      arrived();
      return;
    }
  }
  replace(main(), h('h1', null, 'Not found'), h('p', null, 'No page at ' + hash + '.'));
  arrived();
}

/**
 * After a page is drawn: the window title names it, the view starts at the top, and focus moves
 * to its heading so that keyboard and screen-reader users land on the new page, not on <body>.
 */
function arrived() {
  const heading = main().querySelector('h1');
  const name = heading ? heading.textContent.replace(/\s+/g, ' ').trim() : '';
  document.title = name ? `${name} — Petrel admin` : 'Petrel admin';
  window.scrollTo(0, 0);
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function showError(e) {
  if (e instanceof ApiError && e.status === 401) return;
  replace(main(), h('h1', null, 'Something went wrong'), h('p', { class: 'error' }, e.message));
}

async function start() {
  try {
    await loadSession();
  } catch (e) {
    flash(e.message, 'error');
  }
  await route();
}

window.addEventListener('hashchange', () => {
  clearFlash();
  route();
});
window.addEventListener('petrel:signed-out', () => {
  if (session.role) {
    session.role = null;
    flash('Your session ended; sign in again.', 'error');
    route();
  }
});
document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
  } catch (e) {
    flash(e.message, 'error');
  }
  session.role = null;
  window.location.hash = '#/';
  route();
});

start();
