// Admin pages: the audit log and API tokens (issue with a role, shown once; revoke).
import { get, post } from './api.js';
import { confirmAction, field, flash, h, replace, scroller } from './dom.js';
import { when } from './format.js';

export async function renderAudit(main) {
  const state = { action: '', app: '', before: null, pages: [] };
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', id: 'audit-more', hidden: true }, 'Older entries');
  const action = h('input', { id: 'audit-action', 'aria-label': 'Action', placeholder: 'action, or a prefix like release.' });
  const app = h('input', { id: 'audit-app', 'aria-label': 'App', placeholder: 'app id' });
  const load = async (reset) => {
    if (reset) { state.before = null; body.replaceChildren(); }
    const query = new URLSearchParams({ limit: '100' });
    if (action.value.trim()) query.set('action', action.value.trim());
    if (app.value.trim()) query.set('app', app.value.trim());
    if (state.before) query.set('before', state.before);
    try {
      const answer = await get('/api/v1/audit?' + query);
      body.append(...answer.entries.map((e) => h('tr', null,
        h('td', null, when(e.at)), h('td', null, e.actor), h('td', null, h('code', null, e.action)),
        h('td', null, e.app || ''), h('td', { class: 'target' }, e.target || ''), h('td', { class: 'detail' }, e.detail || ''))));
      state.before = answer.next_before;
      more.hidden = !answer.next_before;
    } catch (e) { flash(e.message, 'error'); }
  };
  more.addEventListener('click', () => load(false));
  const filter = h('form', { class: 'filters' }, action, app, h('button', { type: 'submit', class: 'secondary' }, 'Filter'));
  filter.addEventListener('submit', (event) => { event.preventDefault(); load(true); });
  replace(main, h('h1', null, 'Audit log'), filter,
    scroller('Audit log', h('table', { id: 'audit-table' },
      h('thead', null, h('tr', null, ['When', 'Who', 'Action', 'App', 'Target', 'Detail'].map((c) => h('th', { scope: 'col' }, c)))), body)),
    more);
  await load(true);
}

export async function renderTokens(main) {
  const { tokens } = await get('/api/v1/tokens');
  const name = h('input', { id: 'token-name', required: true, maxlength: 100, placeholder: 'who holds it, e.g. ci' });
  const role = h('select', { id: 'token-role' }, ['viewer', 'publisher', 'admin'].map((r) => h('option', { value: r }, r)));
  const shown = h('div', { id: 'token-issued', hidden: true, class: 'issued' });
  const form = h('form', { class: 'card', id: 'token-form' }, h('h2', null, 'Issue a token'),
    h('div', { class: 'grid2' }, field('Name', name), field('Role', role)),
    h('button', { type: 'submit', class: 'primary' }, 'Issue'), shown);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await post('/api/v1/tokens', { name: name.value.trim(), role: role.value });
      const value = h('code', { id: 'token-value', class: 'wrap' }, answer.token);
      replace(shown, h('p', null, 'Copy this token now; it is not shown again:'), value);
      shown.hidden = false;
      name.value = '';
      tokens.push(answer.info);
      drawList();
    } catch (e) { flash(e.message, 'error'); }
  });
  const list = h('tbody');
  const drawList = () => replace(list, tokens.slice().reverse().map((t) => h('tr', { dataset: { tokenId: t.id } },
    h('td', null, t.id), h('td', null, t.name), h('td', null, t.role), h('td', null, when(t.created_at)),
    h('td', null, t.revoked_at ? 'revoked ' + when(t.revoked_at) : h('button', {
      type: 'button', class: 'danger small', onclick: async () => {
        if (!(await confirmAction(`Revoke token “${t.name}”?`, 'It stops working at once, and panel sessions opened with it end.', 'Revoke'))) return;
        try {
          const answer = await post(`/api/v1/tokens/${t.id}/revoke`);
          Object.assign(t, answer.info);
          drawList();
          flash('Token revoked.');
        } catch (e) { flash(e.message, 'error'); }
      },
    }, 'Revoke')))));
  drawList();
  replace(main, h('h1', null, 'Tokens'), form, h('section', { class: 'card' }, h('h2', null, 'All tokens'),
    scroller('All tokens', h('table', { id: 'tokens-table' }, h('thead', null, h('tr', null, ['Id', 'Name', 'Role', 'Created', 'State'].map((c) => h('th', { scope: 'col' }, c)))), list))));
}
