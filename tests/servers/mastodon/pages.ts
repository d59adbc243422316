export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><main>${body}</main></body></html>\n`;
}

export interface AuthorizeForm {
  instanceTitle: string;
  appName: string;
  appWebsite: string | null;
  scopes: string[];
  hidden: Record<string, string>;
  username?: string;
  error?: string;
}

export function authorizePage(form: AuthorizeForm): string {
  const hidden = Object.entries(form.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const website = form.appWebsite ? ` (<a href="${escapeHtml(form.appWebsite)}" rel="noopener">${escapeHtml(form.appWebsite)}</a>)` : '';
  const error = form.error ? `<p class="flash-message alert" role="alert">${escapeHtml(form.error)}</p>` : '';
  return layout(`Authorize ${form.appName} - ${form.instanceTitle}`, `
<h1>Authorization required</h1>
<p>The application <strong id="application-name">${escapeHtml(form.appName)}</strong>${website} asks for access to your account on ${escapeHtml(form.instanceTitle)}.</p>
<h2>Requested permissions</h2>
<ul id="scopes">${form.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
${error}
<form method="post" action="/oauth/authorize">
${hidden}
<label>Username <input type="text" name="username" autocomplete="username" value="${escapeHtml(form.username ?? '')}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit" name="decision" value="authorize">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`);
}

/** Doorkeeper's "native" page for urn:ietf:wg:oauth:2.0:oob: the code sits in a read-only input for the user to copy. */
export function codePage(code: string): string {
  return layout('Authorization code', `
<h1>Authorization code</h1>
<p>Copy this code and paste it into the application.</p>
<input type="text" readonly class="oauth-code" id="authorization-code" value="${escapeHtml(code)}">`);
}

export function oauthErrorPage(description: string): string {
  return layout('An error has occurred', `<h1>An error has occurred</h1>\n<p id="error-description">${escapeHtml(description)}</p>`);
}

export function statusPage(status: number, reason: string, detail?: string): string {
  const more = detail ? `\n<p>${escapeHtml(detail)}</p>` : '';
  return layout(`${status} ${reason}`, `<h1>${status} ${escapeHtml(reason)}</h1>${more}`);
}
