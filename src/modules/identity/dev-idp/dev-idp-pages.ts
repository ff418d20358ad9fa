/** HTML of the development identity provider's own pages. Plain, dependency-free, dev only. */

/**
 * What these pages (and the provider's own, such as its form_post answer) may do: their inline style and
 * script, nothing loaded from elsewhere, never framed. No `form-action`: a sign-in ends in a redirect to the
 * CLI's loopback callback, and browsers apply `form-action` to a form's redirects too.
 */
export const DEV_IDP_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · KiCI development sign-in</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#222}
.note{background:#fff4d6;border:1px solid #e6c35c;padding:.6rem .8rem;border-radius:6px;font-size:.9rem}
label{display:block;margin:.9rem 0 .3rem}input{width:100%;padding:.5rem;box-sizing:border-box;font-size:1rem}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem}code{font-size:1.4rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="note">Development identity provider: anyone can sign in as anyone. Never use it in production.</p>
${body}</body></html>`;
}

export function loginPage(action: string, error?: string): string {
  return page(
    'Sign in to KiCI',
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email</label><input id="email" name="email" type="email" required maxlength="320" autofocus>
<label for="name">Display name</label><input id="name" name="name" type="text" maxlength="200">
<button type="submit">Sign in</button></form>`,
  );
}

export function deviceCodeInputPage(form: string, error: boolean): string {
  return page(
    'Connect a device',
    `<p>${error ? 'That code is not valid. Try again.' : 'Enter the code your terminal shows.'}</p>${form}
<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

/** With automatic login the form submits itself, so opening the link approves the device at once. */
export function deviceCodeConfirmPage(form: string, userCode: string, autoSubmit: boolean): string {
  return page(
    'Confirm the device',
    `<p>Confirm that your terminal shows this code:</p><p><code>${escapeHtml(userCode)}</code></p>${form}
<button type="submit" form="op.deviceConfirmForm">Approve</button>
${autoSubmit ? '<script>document.getElementById("op.deviceConfirmForm").submit()</script>' : ''}`,
  );
}

export function deviceSuccessPage(): string {
  return page('Device connected', '<p>You can close this window and return to your terminal.</p>');
}
