// Signing in and out. The sign-in form asks for a new password when the server says a one-time one was used; the
// parts of the page given as `signedIn` and the header's buttons show only while someone is signed in.
import { api, ApiError } from './api.js';

export class Session {
  constructor({ form, bar, signedIn }, store, { onSignedIn }) {
    this.form = form;
    this.bar = bar;
    this.signedIn = signedIn;
    this.store = store;
    this.onSignedIn = onSignedIn;
    const $ = id => form.querySelector(`#${id}`);
    this.$ = $;
    $('sign-in-form').addEventListener('submit', event => { event.preventDefault(); this.signIn(); });
    bar.querySelector('#sign-out').addEventListener('click', async () => {
      await api('/api/account/sign-out', { method: 'POST' });
      location.reload();
    });
    store.subscribe(changed => { if (changed.has('account')) this.show(); });
  }

  // A page that was never signed in opens on the form; a failure other than "not signed in" is said on it.
  async boot() {
    try {
      await this.onSignedIn(await api('/api/account'));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) this.signedOut(`The service could not be reached (${error.message}).`);
    }
  }

  // Only a page that was signed in has a session to lose; a first visit just asks to sign in.
  signedOut(message = this.store.state.account ? 'Your session has ended: sign in again.' : '') {
    this.store.set({ account: null });
    this.form.hidden = false;
    this.$('sign-in-error').textContent = message;
    this.$('user-name').focus();
  }

  async signIn() {
    const $ = this.$;
    const body = { name: $('user-name').value.trim(), password: $('password').value };
    if (!$('new-password-fields').hidden) {
      if ($('new-password').value !== $('new-password-again').value) {
        $('sign-in-error').textContent = 'The two new passwords differ.';
        return;
      }
      body.newPassword = $('new-password').value;
    }
    $('sign-in-error').textContent = '';
    try {
      const account = await api('/api/account/sign-in', { method: 'POST', body });
      $('password').value = $('new-password').value = $('new-password-again').value = '';
      $('new-password-fields').hidden = true;
      await this.onSignedIn(account);
    } catch (error) {
      if (error instanceof ApiError && error.problem.passwordChangeRequired) {
        $('new-password-fields').hidden = false;
        $('new-password').required = $('new-password-again').required = true;
        $('new-password').focus();
      }
      $('sign-in-error').textContent = error.message;
    }
  }

  show() {
    const account = this.store.state.account;
    if (account) this.form.hidden = true;
    for (const part of this.signedIn) part.hidden = !account;
    for (const button of this.bar.querySelectorAll('button')) button.hidden = !account;
    this.bar.querySelector('#who').textContent = account ? `${account.name} (${account.role})` : '';
  }
}
