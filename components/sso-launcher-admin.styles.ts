import { css } from 'lit';
import { initialIconStyles } from './initial-icon.ts';

/**
 * Styles of `<sso-launcher-admin>`. The same `--sso-*` custom properties as the launcher, from the same
 * palette (theme.styles.ts, adopted before these rules): inside the launcher they are its own (light,
 * dark, or the brokerage's), on a page of their own (the extension's options page) the palette's, on
 * the side the `color-scheme` around them picks, or their `theme` attribute.
 */
export const styles = css`
  :host {
    display: block;
    /* The narrow layouts below follow the tools' own width (a 320 px page, the 380 px popup). */
    container-type: inline-size;
    color: var(--sso-text);
    font: 14px/1.45 var(--sso-font);
  }
  :host([theme='auto']) { color-scheme: light dark; }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  :focus-visible { outline: 2px solid var(--sso-focus); outline-offset: 2px; }
  /* The panels (./admin/) render in this shadow root, without one of their own. */
  sso-admin-apps, sso-admin-groups { display: block; }
  sso-admin-apps + sso-admin-groups { margin-top: 20px; padding-top: 16px; border-top: 1px solid var(--sso-border); }
  h2 { font-size: 16px; margin: 0; font-weight: 600; flex: 1; }
  h3 { font-size: 15px; margin: 0 0 8px; font-weight: 600; }
  p { margin: 0 0 8px; }
  .bar { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; flex-wrap: wrap; }
  .hint, .muted { color: var(--sso-muted); font-size: 12.5px; margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button {
    font: inherit; cursor: pointer; border-radius: 8px; padding: 6px 12px;
    border: 1px solid var(--sso-border); background: var(--sso-surface); color: var(--sso-text);
  }
  button.primary { background: var(--sso-accent); color: var(--sso-accent-text); border-color: transparent; font-weight: 600; }
  button.danger { background: var(--sso-danger); color: var(--sso-bg); border-color: transparent; font-weight: 600; }
  button[disabled] { opacity: .6; cursor: progress; }
  button[aria-disabled='true'] { opacity: .45; cursor: not-allowed; }
  button.small { padding: 3px 8px; font-size: 13px; }
  .alert {
    background: var(--sso-danger-bg); color: var(--sso-danger); border-radius: 8px;
    padding: 8px 10px; margin: 0 0 10px; display: flex; gap: 10px; align-items: center; justify-content: space-between;
  }
  /* What the last action did: a banner under the panel's heading, until the next action. */
  .notice.shown {
    display: flex; gap: 8px; align-items: flex-start; margin: 0 0 10px; padding: 8px 12px; border-radius: 8px;
    border: 1px solid var(--sso-accent); border-inline-start-width: 4px; font-weight: 500;
    background: var(--sso-surface); color: var(--sso-text);
  }
  .notice .tick { color: var(--sso-accent); font-weight: 700; }
  /* Forms */
  /* One column that may shrink below its content's width: long labels and the file button wrap inside it. */
  form.panel {
    display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; padding: 14px; margin: 0 0 14px; border-radius: 10px;
    border: 1px solid var(--sso-border); background: var(--sso-surface);
  }
  .field { display: grid; grid-template-columns: minmax(0, 1fr); gap: 4px; }
  label { font-weight: 500; }
  input[type='text'], input[type='url'], input[type='number'], textarea, select {
    font: inherit; color: var(--sso-text); background: var(--sso-bg);
    border: 1px solid var(--sso-border); border-radius: 8px; padding: 7px 10px; width: 100%;
  }
  textarea { min-height: 60px; resize: vertical; }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--sso-danger); }
  input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 2px solid var(--sso-focus); outline-offset: 0; }
  .field-error { color: var(--sso-danger); font-size: 13px; margin: 0; font-weight: 500; }
  fieldset { border: 1px solid var(--sso-border); border-radius: 8px; padding: 8px 12px 10px; margin: 0; min-width: 0; }
  legend { font-weight: 500; padding: 0 4px; }
  .choice { display: flex; gap: 8px; align-items: center; font-weight: 400; padding: 2px 0; }
  .choice input { margin: 0; width: 16px; height: 16px; accent-color: var(--sso-accent); }
  ul { list-style: none; margin: 0; padding: 0; }
  ul.tree li { padding-inline-start: calc(var(--depth, 0) * 22px); }
  .row { display: flex; gap: 8px; flex-wrap: wrap; }
  .inline { display: flex; flex-wrap: wrap; gap: 8px; }
  .inline > .field { flex: 1 1 8em; min-width: 0; }
  .inline > .field:first-child { flex: 2 1 8em; }
  .icon-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
  input[type='file'] { flex: 1 1 12em; min-width: 0; max-width: 100%; font: inherit; font-size: 13px; }
  .icon {
    width: 36px; height: 36px; border-radius: 8px; flex: none; object-fit: contain; display: grid; place-items: center;
    background: var(--sso-surface); font-weight: 700; font-size: 13px;
  }
  /* The same colour as the app's tile in the launcher's grid (../initial-icon.ts). */
  ${initialIconStyles}
  /* A ring, so a dark icon (Rechat's) keeps its edge on a dark panel. */
  img.icon { box-shadow: 0 0 0 1px var(--sso-border); }
  /* The apps, in the order agents see them */
  ul.apps { display: grid; grid-template-columns: minmax(0, 1fr); gap: 6px; }
  /*
   * A row: grip, icon, name and buttons on one line when they fit; else the buttons wrap below, to the
   * right, and never stick out of the panel (the 380 px popup, a 320 px phone).
   */
  li.app {
    display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 8px; border-radius: 8px;
    border: 1px solid var(--sso-border); background: var(--sso-bg);
  }
  li.app.dragging { opacity: .5; }
  li.app.drop-target { border-color: var(--sso-accent); box-shadow: inset 0 2px 0 var(--sso-accent); }
  .grip { cursor: grab; color: var(--sso-muted); user-select: none; letter-spacing: -2px; }
  /* A name gets a second line before it is cut ("Zillow Premier Agent", not "Zillow…"). */
  .app-name { flex: 1 1 6em; min-width: 0; }
  .app-name .title, .app-name .muted {
    display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere;
  }
  .actions { display: flex; gap: 4px; flex-wrap: wrap; justify-content: flex-end; margin-inline-start: auto; }
  .actions button { flex: none; white-space: nowrap; }
  /* Mosaic groups */
  ul.groups { display: grid; gap: 8px; }
  li.group { border: 1px solid var(--sso-border); border-radius: 8px; padding: 10px 12px; background: var(--sso-bg); }
  li.group .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
  li.group .head h3 { flex: 1; font-size: 14px; margin: 0; }
  ul.clients { margin-top: 8px; display: grid; gap: 6px; }
  ul.clients li { padding: 6px 8px; border-radius: 6px; background: var(--sso-surface); }
  dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 10px; margin: 4px 0 0; font-size: 12.5px; }
  dt { color: var(--sso-muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  /* The confirmation */
  dialog {
    border: 1px solid var(--sso-border); border-radius: var(--sso-radius, 12px); padding: 16px;
    background: var(--sso-bg); color: var(--sso-text); width: min(380px, calc(100vw - 32px));
    box-shadow: 0 8px 30px rgb(0 0 0 / 20%);
  }
  dialog::backdrop { background: rgb(0 0 0 / 35%); }
  @container (max-width: 360px) {
    form.panel { padding: 10px; }
    fieldset { padding: 6px 8px 8px; }
    li.group { padding: 8px; }
  }
  @media (prefers-reduced-motion: no-preference) {
    li.app { transition: border-color .15s; }
  }
`;
