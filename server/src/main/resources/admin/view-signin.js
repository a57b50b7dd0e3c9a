// The sign-in page: an API token is exchanged for a session cookie and then forgotten.
import { signIn } from './api.js';
import { field, h, replace } from './dom.js';

export function renderSignIn(main, onSignedIn) {
  const token = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true, placeholder: 'ptk_…' });
  const error = h('p', { class: 'error', id: 'sign-in-error', hidden: true });
  const button = h('button', { type: 'submit', id: 'sign-in', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', id: 'sign-in-form' },
    h('h1', null, 'Sign in'),
    h('p', { class: 'muted' }, 'Paste an admin, publisher or viewer token. The panel keeps a session cookie, never the token.'),
    field('API token', token),
    error,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.hidden = true;
    try {
      await signIn(token.value.trim());
      token.value = '';
      await onSignedIn();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  replace(main, form);
  token.focus();
}
