import { css } from 'lit';

/**
 * The rules of what `<sso-launcher>` shows after its first paint: the sign-in and verification forms,
 * the account panel and the dialogs' headings. They come with the forms' chunk (sign-in-controller.ts
 * adopts them, adopt-styles.ts), which every element requests as it starts, so the grid's first paint
 * does not carry them (issue 15). The overlay over an expired session's grid keeps its rules in the
 * main styles: it says why when this chunk could not be loaded.
 */
export const formStyles = css`
  h2 { font-size: 16px; margin: 0 0 12px; font-weight: 600; }
  form { display: grid; gap: 12px; max-width: 360px; margin: 0 auto; }
  label { display: grid; gap: 4px; font-weight: 500; }
  button.primary { background: var(--sso-accent); color: var(--sso-accent-text); border-color: transparent; font-weight: 600; }
  .divider { margin: 4px 0; text-align: center; color: var(--sso-muted); font-size: .85em; }
  button.link { background: none; border: none; padding: 4px; color: var(--sso-accent); text-decoration: underline; }
  button[disabled] { opacity: .6; cursor: progress; }
  .signed-out { margin: 0; padding: 10px 12px; border-radius: 8px; border: 1px solid var(--sso-border); background: var(--sso-surface); }
  /* Empty, it stays in the accessibility tree (so its next text is announced) but takes no room. */
  .signed-out:empty { position: absolute; padding: 0; border: 0; }
  .account { border: 1px solid var(--sso-border); border-radius: 10px; padding: 12px; margin-bottom: 12px; background: var(--sso-surface); }
  .profile { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; }
  .profile dt { color: var(--sso-muted); }
  .profile dd { margin: 0; overflow-wrap: anywhere; font-weight: 600; }
  @container (max-width: 360px) {
    .account { padding: 8px; }
  }
`;
