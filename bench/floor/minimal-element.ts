/**
 * The payload floor of bench/size.ts: Lit and the least a launcher can be (an IndexedDB read, a search
 * box, a 96-link grid), built by the same Vite as the embed. Never shipped; only its size matters.
 * @module
 */
import { LitElement, css, html } from 'lit';
import { get } from 'idb-keyval';

interface App {
  id: string;
  name: string;
  open_url: string;
}

class MinimalLauncher extends LitElement {
  static override properties = { apps: { state: true }, query: { state: true } };
  static override styles = css`.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(84px,1fr));gap:8px}`;
  declare apps: App[];
  declare query: string;

  constructor() {
    super();
    this.apps = [];
    this.query = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void get<{ user: { id: string } }>(`session:${this.getAttribute('client-id')}@${this.getAttribute('api-base')}`).then(async (session) => {
      const cached = session && (await get<{ apps: App[] }>(`apps:${session.user.id}:${this.getAttribute('brand')}`));
      this.apps = cached?.apps ?? [];
    });
  }

  override render() {
    const q = this.query.toLowerCase();
    const shown = this.apps.filter((a) => a.name.toLowerCase().includes(q)).slice(0, 96);
    return html`<input type="search" aria-label="Search apps" @input=${(e: InputEvent) => (this.query = (e.target as HTMLInputElement).value)} />
      <ul class="grid">${shown.map((a) => html`<li><a href=${a.open_url} target="_blank" rel="noopener noreferrer">${a.name}</a></li>`)}</ul>`;
  }
}

customElements.define('minimal-launcher', MinimalLauncher);
