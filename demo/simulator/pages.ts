/**
 * The few HTML pages the simulator serves: where a launched app lands ("Signed in to <app> as <email>")
 * and the error pages of that route. The vendor doc only says that opening `open_url` signs the user in
 * to the app (000, "SSO"); these pages stand in for the third-party app.
 *
 * Every interpolated string goes through {@link escapeHtml}: app names are admin-controlled text.
 * The pages carry no script and are sent with a CSP that forbids everything but inline styles.
 * @module
 */

/** The CSP of every simulator page and served SVG: nothing may load or run, inline styles aside. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 36rem; padding: 2rem; text-align: center; }
  h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
  p { opacity: .75; overflow-wrap: anywhere; }`;

/**
 * A whole page around `body` (markup the caller has escaped). `style` replaces the default styles;
 * `beforeMain` goes before `<main>` (the Xenioo designer's header).
 */
export function page(title: string, body: string, options: { style?: string; beforeMain?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${options.style ?? STYLE}</style>
</head>
<body>${options.beforeMain ?? ''}<main>${body}</main></body>
</html>
`;
}

/** The page a launched app lands on. `target` is where the real app would continue (its url or ACS). */
export function landingPage(appName: string, email: string, target: string | null): string {
  const next = target ? `<p>In production you would now continue to ${escapeHtml(target)}.</p>` : '';
  return page(appName, `<h1>Signed in to ${escapeHtml(appName)} as ${escapeHtml(email)}</h1>
<p>This page is served by the local API simulator in place of the app.</p>${next}`);
}

/** An error page of the launch route ("This sign-in link is not valid", ...). */
export function errorPage(message: string): string {
  return page(message, `<h1>${escapeHtml(message)}</h1>`);
}

/** An HTML response with the locked-down headers every simulator page carries (`csp` replaces the policy). */
export function htmlResponse(html: string, status = 200, csp = PAGE_CSP): Response {
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  });
}
