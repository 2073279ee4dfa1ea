/**
 * Xenioo chatbots in the launcher: tiles marked "Chatbot" beside the apps, launches that open inside
 * the click, section deep links, the embedding dialog, and signing out of every bot opened here.
 * Loaded lazily, only when the launcher has a `broker`: pages without chatbots never download it.
 *
 * Tokens come from the token broker (never from Xenioo directly: a bot secret can mint a token for any
 * email), through core's {@link ChatbotClient}, which caches them in memory per agent, bot and
 * embedding flag.
 * @module
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ErrorCode, isSsoError, type UpstreamError } from '../core/errors.ts';
import type { AuthorizedApi } from '../core/session.ts';
import { ChatbotClient, type Chatbot, type ChatbotToken } from '../core/xenioo.ts';
import { adoptStyles } from './adopt-styles.ts';
import { describeError } from './describe-error.ts';
import { emit } from './events.ts';
import type { Messages } from './messages.ts';
import { hueClassFor } from './initial-icon.ts';
import { initials } from './tile.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

/** Adopted into the launcher's shadow root when this module loads, so the main bundle stays small. */
const styles = css`
  /*
   * A chatbot's tile lines up with the apps' tiles: the same icon and name at the same places, its
   * "Chatbot" label on the icon's lower edge rather than on a line of its own, and its section links
   * inside the same box, which is as tall as the row like an app's tile.
   */
  li.item:has(> button.tile) { display: flex; flex-direction: column; border: 1px solid transparent; border-radius: 10px; }
  li.item:has(> button.tile):hover { background: var(--sso-surface); border-color: var(--sso-border); }
  button.tile { font: inherit; color: inherit; background: none; cursor: pointer; width: 100%; height: auto; border: 0; position: relative; }
  .badge {
    position: absolute; top: 45px; left: 50%; transform: translateX(-50%); white-space: nowrap;
    font-size: 10px; line-height: 12px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
    color: var(--sso-accent); background: var(--sso-bg); border: 1px solid currentColor; border-radius: 999px; padding: 0 5px;
  }
  .sections { display: flex; flex-wrap: wrap; justify-content: center; gap: 0 4px; padding: 0 2px 6px; margin-top: -4px; }
  .sections button {
    border: none; background: none; padding: 2px 4px; font-size: 12px; color: var(--sso-accent);
    max-width: 100%; overflow-wrap: anywhere;
  }
  .sections button:hover { text-decoration: underline; }
  dialog.bot {
    width: min(960px, 94vw); height: min(720px, 88vh); padding: 0; border: 1px solid var(--sso-border);
    border-radius: var(--sso-radius); background: var(--sso-bg); color: var(--sso-text);
  }
  dialog.bot[open] { display: flex; flex-direction: column; }
  dialog.bot::backdrop { background: rgb(0 0 0 / 45%); }
  dialog.bot .bar { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--sso-border); margin: 0; }
  dialog.bot h2 { flex: 1; margin: 0; font-size: 15px; }
  dialog.bot iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  dialog.bot .status { padding: 24px; }
`;

/** What the launcher gives the controller. */
export interface ChatbotsHost extends ReactiveControllerHost, HTMLElement {
  /** Whether bots open inside the page (the `embedding` attribute). */
  embedding: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Options of {@link ChatbotsController}. */
export interface ChatbotsOptions {
  broker: string;
  brand: string;
  session: AuthorizedApi & { readonly user?: { readonly id: string } | undefined };
  messages: () => Messages;
}

/** A bot shown in the embedding dialog; `url` is undefined while its token is on the way. */
interface Embedded {
  bot: Chatbot;
  /** The section it was opened on, for "Open in a new tab". */
  section: string | undefined;
  url: string | undefined;
}

/** Chatbots of the launcher: a Lit reactive controller. */
export class ChatbotsController implements ReactiveController {
  /** The brand's bots; undefined until loaded. */
  bots: Chatbot[] | undefined;
  /** The last chatbot error shown to the agent. */
  error = '';
  #embedded: Embedded | undefined;
  readonly #client: ChatbotClient;

  constructor(private readonly host: ChatbotsHost, private readonly options: ChatbotsOptions) {
    this.#client = new ChatbotClient({ broker: options.broker, brand: options.brand, session: options.session });
    host.addController(this);
    adoptStyles(host.renderRoot, styles);
  }

  /** Opens the dialog once it is rendered (showModal: the rest of the page is inert, Escape closes). */
  hostUpdated(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.bot');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Loads the brand's bots from the broker. An error is shown, and the apps stay. */
  async load(): Promise<void> {
    try {
      this.bots = await this.#client.listChatbots();
      this.error = '';
    } catch (error) {
      this.#fail(error);
    }
    this.host.requestUpdate();
  }

  /**
   * A launch that failed. When Xenioo said the agent is not on the bot's team, the agent is told whom to
   * ask, and the tile goes: it cannot open, and the broker leaves the bot out of the next list too.
   */
  #launchFailed(bot: Chatbot, error: unknown): void {
    if (!isSsoError(error, ErrorCode.Upstream) || (error as unknown as UpstreamError).detail !== 'no-access') return this.#fail(error);
    this.bots = this.bots?.filter((b) => b.id !== bot.id);
    this.error = this.options.messages().chatbotNoAccess(bot.name);
    emit(this.host, 'sso-error', { error, message: this.error });
    this.host.requestUpdate();
  }

  #fail(error: unknown): void {
    this.error = describeError(error, 'apps', this.options.messages());
    emit(this.host, 'sso-error', { error, message: this.error });
    this.host.requestUpdate();
  }

  /** Fetches a bot's token ahead of the click (on hover or focus), so the launch itself makes no request. */
  prefetch(botId: string, embedding = this.host.embedding): void {
    this.#client.getToken(botId, embedding).catch(() => undefined);
  }

  #url(token: ChatbotToken, section: string | undefined): string {
    return section ? this.#client.sectionUrl(token, section) : this.#client.homeUrl(token);
  }

  /**
   * Launches a bot, synchronously inside the agent's click or key press: with a cached token the tab
   * opens on the bot at once; otherwise it opens on a neutral page and is pointed at the bot when the
   * broker answers, or closed with a message in the launcher if that fails. With `embedding`, the bot
   * opens in a dialog inside the page instead.
   */
  launch(botId: string, section: string | undefined, source: 'click' | 'keyboard', embedding = this.host.embedding): void {
    const bot = this.bots?.find((b) => b.id === botId);
    if (!bot) return;
    const cached = this.#client.cachedToken(bot.id, embedding);
    const url = cached && this.#url(cached, section);
    if (!emit(this.host, 'sso-request-launch', { chatbot: bot, section, url, source })) return;
    this.error = '';
    if (embedding) return this.#openEmbedded(bot, section, url);
    if (url) {
      window.open(url, '_blank', 'noopener,noreferrer');
      emit(this.host, 'sso-launch', { chatbot: bot, url });
      return;
    }
    const m = this.options.messages();
    const tab = window.open('about:blank', '_blank');
    if (tab) {
      tab.opener = null; // the bot's page must not reach back into the intranet page
      try {
        tab.document.title = m.openingBot(bot.name);
        tab.document.body.textContent = m.openingBot(bot.name);
      } catch {
        // Some browsers make the new tab cross-origin at once; it then simply stays blank.
      }
    }
    this.#client.getToken(bot.id, false).then(
      (token) => {
        const target = this.#url(token, section);
        if (tab && !tab.closed) tab.location.replace(target);
        else if (!tab) window.open(target, '_blank', 'noopener,noreferrer');
        emit(this.host, 'sso-launch', { chatbot: bot, url: target });
      },
      (error: unknown) => {
        tab?.close();
        this.#launchFailed(bot, error);
      },
    );
  }

  #openEmbedded(bot: Chatbot, section: string | undefined, url: string | undefined): void {
    this.#embedded = { bot, section, url };
    this.host.requestUpdate();
    if (url) return void emit(this.host, 'sso-launch', { chatbot: bot, url });
    this.#client.getToken(bot.id, true).then(
      (token) => {
        if (this.#embedded?.bot !== bot) return;
        this.#embedded = { bot, section, url: this.#url(token, section) };
        emit(this.host, 'sso-launch', { chatbot: bot, url: this.#embedded.url! });
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.#closeDialog();
        this.#launchFailed(bot, error);
      },
    );
  }

  #closeDialog = (): void => {
    if (!this.#embedded) return;
    const opener = this.#embedded.bot.id;
    this.#embedded = undefined;
    this.host.requestUpdate();
    // Focus goes back to the tile that opened the dialog.
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`button.tile[data-bot="${CSS.escape(opener)}"]`)?.focus());
  };

  /**
   * "Open in a new tab" in the dialog: the same bot and section in a tab of its own, with Xenioo's own
   * header (a token without `EnableEmbedding`), opened inside the click like any launch; the dialog closes.
   */
  #openInTab = (): void => {
    const open = this.#embedded;
    if (!open) return;
    this.launch(open.bot.id, open.section, 'click', false);
    this.#closeDialog();
  };

  /** Asks for the new tab's token ahead of the click (hover or focus), as the tiles do. */
  #prefetchTab = (): void => {
    if (this.#embedded) this.prefetch(this.#embedded.bot.id, false);
  };

  /**
   * Signs the agent out of every bot opened from this launcher, where possible: each bot's logout URL
   * is loaded in a hidden frame (Xenioo ends the designer session on `<Home>/logout`). Then forgets
   * every token.
   */
  signOut(): void {
    const urls = this.#client.logoutUrls();
    this.#client.clear();
    this.bots = undefined;
    this.#embedded = undefined;
    for (const url of urls) {
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.title = 'sign-out';
      frame.src = url;
      const remove = () => frame.remove();
      frame.addEventListener('load', () => setTimeout(remove, 1000), { once: true });
      setTimeout(remove, 10_000);
      document.body.append(frame);
    }
    this.host.requestUpdate();
  }

  /** Why the chatbots could not be loaded or opened, above the launcher's grid. */
  renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p class="alert" role="alert" part="error">${this.error}</p>` : nothing;
  }

  /** The bot tiles, for the launcher's grid. */
  renderTiles(bots: readonly Chatbot[]): TemplateResult {
    const m = this.options.messages();
    return html`${repeat(
      bots,
      (bot) => bot.id,
      (bot) => html`<li class="item">
        <button part="tile" class="tile" type="button" data-bot=${bot.id} title=${bot.name}>
          <span part="tile-icon" class="icon ${hueClassFor(bot.id)}" aria-hidden="true">${initials(bot.name)}</span>
          <span part="tile-name" class="name">${bot.name}</span>
          <span class="badge">${m.chatbot}</span>
        </button>
        ${bot.sections.length
          ? html`<div class="sections">${bot.sections.map(
              (s) => html`<button type="button" data-bot=${bot.id} data-section=${s.id} aria-label=${`${bot.name}: ${s.label}`}>${s.label}</button>`,
            )}</div>`
          : nothing}
      </li>`,
    )}`;
  }

  /** The embedding dialog, when a bot is open inside the page. */
  renderDialog(): TemplateResult | typeof nothing {
    const open = this.#embedded;
    if (!open) return nothing;
    const m = this.options.messages();
    return html`<dialog class="bot" aria-labelledby="bot-title" @close=${this.#closeDialog}>
      <div class="bar">
        <h2 id="bot-title">${open.bot.name}</h2>
        <button part="button" type="button" @click=${this.#openInTab} @pointerenter=${this.#prefetchTab} @focus=${this.#prefetchTab}>${m.openInNewTab}</button>
        <button part="button" type="button" @click=${this.#closeDialog}>${m.close}</button>
      </div>
      ${open.url
        ? html`<iframe src=${open.url} title=${open.bot.name} referrerpolicy="no-referrer"
            sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-downloads"></iframe>`
        : html`<p class="status" role="status">${m.openingBot(open.bot.name)}</p>`}
    </dialog>`;
  }
}
