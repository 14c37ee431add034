// Sign-in shared by the supervisor dashboard and the agent view: the key is exchanged for an HttpOnly cookie.

import { ApiError, signIn, signOut, whoAmI } from './api.js';

/**
 * Resolves to the signed-in principal, showing the sign-in form in `section` until a key is accepted. The header's
 * `#who` and `#sign-out` follow the session.
 */
export async function ensureSession(section) {
  const me = await whoAmI();
  if (me) return showSession(me);
  section.hidden = false;
  const form = section.querySelector('form');
  const input = form.querySelector('input[type=password]');
  const error = form.querySelector('.error');
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        const principal = await signIn(input.value.trim());
        input.value = '';
        section.hidden = true;
        resolve(showSession(principal));
      } catch (failure) {
        error.textContent =
          failure instanceof ApiError && failure.status === 401 ? 'That key was not accepted (unknown or revoked).' : `Sign-in failed: ${failure.message}`;
        input.select();
      }
    });
  });
}

function showSession(principal) {
  const who = document.getElementById('who');
  who.textContent = `${principal.name} · ${principal.role}${principal.subject ? ` (${principal.subject})` : ''}`;
  const button = document.getElementById('sign-out');
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await signOut();
    } finally {
      location.hash = '';
      location.reload();
    }
  });
  return principal;
}
