import { css } from 'lit';
import { initialIconStyles } from './initial-icon.ts';

/**
 * Styles of `<sso-launcher-admin>`. The same `--sso-*` custom properties as the launcher: inside the
 * launcher they inherit its theme (light, dark, or the brokerage's own); on their own they fall back
 * to the launcher's light defaults.
 */
export const styles = css`
  :host {
    display: block;
    color: var(--sso-text, #1b1f24);
    font: 14px/1.45 var(--sso-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  :focus-visible { outline: 2px solid var(--sso-focus, #2454d6); outline-offset: 2px; }
  /* The panels (./admin/) render in this shadow root, without one of their own. */
  sso-admin-apps, sso-admin-groups { display: block; }
  sso-admin-apps + sso-admin-groups { margin-top: 20px; padding-top: 16px; border-top: 1px solid var(--sso-border, #dde1e6); }
  h2 { font-size: 16px; margin: 0; font-weight: 600; flex: 1; }
  h3 { font-size: 15px; margin: 0 0 8px; font-weight: 600; }
  p { margin: 0 0 8px; }
  .bar { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; flex-wrap: wrap; }
  .hint, .muted { color: var(--sso-muted, #5b6470); font-size: 12.5px; margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button {
    font: inherit; cursor: pointer; border-radius: 8px; padding: 6px 12px;
    border: 1px solid var(--sso-border, #dde1e6); background: var(--sso-surface, #f6f7f9); color: var(--sso-text, #1b1f24);
  }
  button.primary { background: var(--sso-accent, #2454d6); color: var(--sso-accent-text, #fff); border-color: transparent; font-weight: 600; }
  button.danger { background: var(--sso-danger, #b42318); color: var(--sso-bg, #fff); border-color: transparent; font-weight: 600; }
  button[disabled] { opacity: .6; cursor: progress; }
  button[aria-disabled='true'] { opacity: .45; cursor: not-allowed; }
  button.small { padding: 3px 8px; font-size: 13px; }
  .alert {
    background: var(--sso-danger-bg, #fdecea); color: var(--sso-danger, #b42318); border-radius: 8px;
    padding: 8px 10px; margin: 0 0 10px; display: flex; gap: 10px; align-items: center; justify-content: space-between;
  }
  /* What the last action did: a banner under the panel's heading, until the next action. */
  .notice.shown {
    display: flex; gap: 8px; align-items: flex-start; margin: 0 0 10px; padding: 8px 12px; border-radius: 8px;
    border: 1px solid var(--sso-accent, #2454d6); border-inline-start-width: 4px; font-weight: 500;
    background: var(--sso-surface, #f6f7f9); color: var(--sso-text, #1b1f24);
  }
  .notice .tick { color: var(--sso-accent, #2454d6); font-weight: 700; }
  /* Forms */
  form.panel {
    display: grid; gap: 12px; padding: 14px; margin: 0 0 14px; border-radius: 10px;
    border: 1px solid var(--sso-border, #dde1e6); background: var(--sso-surface, #f6f7f9);
  }
  .field { display: grid; gap: 4px; }
  label { font-weight: 500; }
  input[type='text'], input[type='url'], input[type='number'], textarea, select {
    font: inherit; color: var(--sso-text, #1b1f24); background: var(--sso-bg, #fff);
    border: 1px solid var(--sso-border, #dde1e6); border-radius: 8px; padding: 7px 10px; width: 100%;
  }
  textarea { min-height: 60px; resize: vertical; }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--sso-danger, #b42318); }
  input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 2px solid var(--sso-focus, #2454d6); outline-offset: 0; }
  .field-error { color: var(--sso-danger, #b42318); font-size: 13px; margin: 0; font-weight: 500; }
  fieldset { border: 1px solid var(--sso-border, #dde1e6); border-radius: 8px; padding: 8px 12px 10px; margin: 0; min-width: 0; }
  legend { font-weight: 500; padding: 0 4px; }
  .choice { display: flex; gap: 8px; align-items: center; font-weight: 400; padding: 2px 0; }
  .choice input { margin: 0; width: 16px; height: 16px; accent-color: var(--sso-accent, #2454d6); }
  ul { list-style: none; margin: 0; padding: 0; }
  ul.tree li { padding-inline-start: calc(var(--depth, 0) * 22px); }
  .row { display: flex; gap: 8px; flex-wrap: wrap; }
  .inline { display: flex; gap: 8px; }
  .inline > .field:first-child { flex: 1; }
  .icon-row { display: flex; gap: 12px; align-items: center; }
  .icon {
    width: 36px; height: 36px; border-radius: 8px; flex: none; object-fit: contain; display: grid; place-items: center;
    background: var(--sso-surface, #f6f7f9); font-weight: 700; font-size: 13px;
  }
  /* The same colour as the app's tile in the launcher's grid (../initial-icon.ts). */
  ${initialIconStyles}
  /* The apps, in the order agents see them */
  ul.apps { display: grid; gap: 6px; }
  li.app {
    display: flex; align-items: center; gap: 10px; padding: 6px 8px; border-radius: 8px;
    border: 1px solid var(--sso-border, #dde1e6); background: var(--sso-bg, #fff);
  }
  li.app.dragging { opacity: .5; }
  li.app.drop-target { border-color: var(--sso-accent, #2454d6); box-shadow: inset 0 2px 0 var(--sso-accent, #2454d6); }
  .grip { cursor: grab; color: var(--sso-muted, #5b6470); user-select: none; letter-spacing: -2px; }
  .app-name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .app-name .title, .app-name .muted { display: block; overflow: hidden; text-overflow: ellipsis; }
  .actions { display: flex; gap: 4px; flex-wrap: wrap; justify-content: flex-end; }
  /* Mosaic groups */
  ul.groups { display: grid; gap: 8px; }
  li.group { border: 1px solid var(--sso-border, #dde1e6); border-radius: 8px; padding: 10px 12px; background: var(--sso-bg, #fff); }
  li.group .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  li.group .head h3 { flex: 1; font-size: 14px; margin: 0; }
  ul.clients { margin-top: 8px; display: grid; gap: 6px; }
  ul.clients li { padding: 6px 8px; border-radius: 6px; background: var(--sso-surface, #f6f7f9); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0 0; font-size: 12.5px; }
  dt { color: var(--sso-muted, #5b6470); }
  dd { margin: 0; overflow-wrap: anywhere; }
  /* The confirmation */
  dialog {
    border: 1px solid var(--sso-border, #dde1e6); border-radius: var(--sso-radius, 12px); padding: 16px;
    background: var(--sso-bg, #fff); color: var(--sso-text, #1b1f24); width: min(380px, calc(100vw - 32px));
    box-shadow: 0 8px 30px rgb(0 0 0 / 20%);
  }
  dialog::backdrop { background: rgb(0 0 0 / 35%); }
  @media (prefers-reduced-motion: no-preference) {
    li.app { transition: border-color .15s; }
  }
`;
