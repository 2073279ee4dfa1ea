/**
 * The extension's languages: the browser's language picks the pages' table, each table matches English
 * key by key, the manifest's `_locales` are complete, and the real options page and popup in Spanish
 * show no English.
 */
import { expect } from '@open-wc/testing';
import { compareTables, englishFragments, fragmentPatterns } from '../test/helpers/i18n.ts';
import { extEn, extensionLanguages, extensionMessages, localizePage, pageLanguage, translateStored } from './i18n.ts';
import { AccessSection } from './options-access.ts';
import { SettingsForm } from './options-form.ts';
import { resolveSettings, validateField } from './settings.ts';

const ENGLISH = fragmentPatterns(englishFragments([extEn]));

/** The English fragments in the text and labels under `root`, URLs and the given data left out. */
function englishIn(root: ParentNode, data: string[] = []): string[] {
  const strings: string[] = [];
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) strings.push(node.textContent!);
    else for (const name of ['aria-label', 'placeholder', 'title']) strings.push((node as Element).getAttribute(name) ?? '');
  }
  const found: string[] = [];
  for (const raw of strings) {
    const text = data.reduce((t, d) => t.split(d).join(' '), raw.replace(/\b[a-z][a-z+.-]*:\/\/\S+/gi, ' '));
    for (const { s, re } of ENGLISH) if (re.test(text)) found.push(`"${s}" in "${raw.trim()}"`);
  }
  return found;
}

async function page(path: string): Promise<Document> {
  const markup = await (await fetch(new URL(path, import.meta.url))).text();
  return new DOMParser().parseFromString(markup, 'text/html');
}

describe("the extension's languages", () => {
  it("follows the browser's language: a language with a table, else English", () => {
    expect(pageLanguage('es')).to.equal('es');
    expect(pageLanguage('es-419')).to.equal('es');
    expect(pageLanguage('ES-us')).to.equal('es');
    expect(pageLanguage('en-US')).to.equal('en');
    expect(pageLanguage('fr-FR')).to.equal('en');
    expect(pageLanguage(undefined)).to.equal('en');
  });

  for (const lang of Object.keys(extensionLanguages)) {
    it(`${lang}: the table has every English key, no empty value, the same parameters`, async () => {
      const { messages } = await extensionLanguages[lang]!();
      expect(compareTables(extEn, messages)).to.deep.equal([]);
    });
  }

  it('the static English of popup.html and options.html is the English table, key for key', async () => {
    for (const path of ['./popup.html', './options.html']) {
      const doc = await page(path);
      const tagged = [...doc.querySelectorAll<HTMLElement>('[data-i18n]')];
      expect(tagged.length).to.be.greaterThan(2);
      for (const el of tagged) {
        expect(el.dataset.i18n! in extEn, `${path}: ${el.dataset.i18n}`).to.equal(true);
        expect(el.textContent!.replace(/\s+/g, ' ').trim(), `${path}: ${el.dataset.i18n}`).to.equal(extEn[el.dataset.i18n as keyof typeof extEn]);
      }
    }
  });

  it("the manifest's name and description come from _locales, complete in every language", async () => {
    // manifest.ts imports the build's plugin, so its source is read rather than run.
    const source = (await (await fetch(new URL('./manifest.ts', import.meta.url))).text()).split('sourceMappingURL')[0]!;
    expect(source).to.match(/default_locale: ["']en["']/);
    const keys = source.match(/__MSG_(\w+)__/g)!.map((k) => k.slice(6, -2));
    expect(keys).to.include.members(['extensionName', 'extensionDescription']);
    const read = async (lang: string) => (await (await fetch(new URL(`./_locales/${lang}/messages.json`, import.meta.url))).json()) as Record<string, { message: string }>;
    const en = await read('en');
    for (const key of keys) expect(en[key]?.message, key).to.be.a('string').and.not.equal('');
    for (const lang of ['es', ...Object.keys(extensionLanguages)]) {
      const table = await read(lang);
      expect(Object.keys(table).sort(), lang).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(table[key]!.message.trim(), `${lang} ${key}`).not.to.equal('');
        expect(table[key]!.message, `${lang} ${key}`).not.to.equal(en[key]!.message);
      }
    }
  });

  it('Spanish options page: static text, field errors, locks, policy notes, brand picker, access buttons, no English left', async () => {
    const t = await extensionMessages('es');
    const doc = await page('./options.html');
    const root = document.createElement('div');
    root.append(document.importNode(doc.querySelector('main')!, true));
    document.body.append(root);
    try {
      localizePage(root, t);
      const form = new SettingsForm(root, t);
      // A policy locks the API base and sets an invalid broker (ignored, with a note).
      form.apply(resolveSettings({ apiBase: 'https://api.rechat.com', broker: 'http://broker.example.com' }, undefined), { lockedOnly: false });
      expect(root.querySelector('#apiBase-lock')!.textContent).to.equal('Lo fija su organización');
      expect(root.querySelector('#broker-note')!.textContent).to.equal('Se ignoró el valor de su organización: Use https:// (http:// solo se permite para localhost).');
      // The agent's mistakes, each in Spanish.
      form.control('clientId').value = '';
      form.control('brand').value = 'a b';
      form.control('tokenEndpoint').value = 'not a url';
      expect(form.submit().ok).to.equal(false);
      expect(root.querySelector('#clientId-error')!.textContent).to.equal('Escriba el ID de cliente.');
      expect(root.querySelector('#brand-error')!.textContent).to.equal('El ID de la marca solo puede contener letras, dígitos y . _ : @ -');
      expect(root.querySelector('#tokenEndpoint-error')!.textContent).to.equal('Escriba una URL completa, por ejemplo https://sso.example.com/oauth2/token.');
      form.showBrandPicker([{ id: 'b1', name: 'Child Brand', role: 'Agent' }]);
      const access = new AccessSection(root, { has: async () => false, request: async () => false, granted: () => undefined }, t);
      await access.update({ apiBase: 'https://api.rechat.com' });
      expect(root.querySelector('#access-list button')!.textContent).to.equal('Permitir el acceso a api.rechat.com');
      // Brand names and roles are the server's data.
      expect(englishIn(root, ['Child Brand', 'Agent'])).to.deep.equal([]);
    } finally {
      root.remove();
    }
  });

  it('Spanish popup frame, and the words it stores or receives in English', async () => {
    const t = await extensionMessages('es');
    const doc = await page('./popup.html');
    localizePage(doc, t);
    expect(doc.title).to.equal('Lanzador SSO');
    expect(englishIn(doc.body)).to.deep.equal([]);
    expect(translateStored(extEn.usingDemo, t)).to.equal(t.usingDemo);
    expect(translateStored(extEn.rechatCancelled, t)).to.equal('Se canceló el inicio de sesión.');
    expect(translateStored('Something else', t)).to.equal('Something else');
    expect(validateField('apiBase', 42, t)).to.deep.equal({ ok: false, message: 'Escriba un texto.' });
  });

  it('the English fragment check finds English in a page', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p>Guardado.</p><button>Allow access to x.example</button>';
    expect(englishIn(div)).to.deep.equal(['"Allow access to" in "Allow access to x.example"']);
  });
});
