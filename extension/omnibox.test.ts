import { expect } from '@open-wc/testing';
import { bestMatch, describeApp, escapeXml, matchApps } from './omnibox.ts';

const app = (name: string, url = 'https://app.example.com/') => ({ id: name, name, open_url: 'https://api.example.com/launch', url });
const APPS = [app('Zillow Premier'), app('Docusign'), app('MLS'), app('Lone Wolf Transactions'), app('Homes.com'), app('Rechat Docs'), app('Docs')];

describe('omnibox', () => {
  it('escapes XML for Chrome descriptions', () => {
    expect(escapeXml(`R&D <Tools> "x" 'y'`)).to.equal('R&amp;D &lt;Tools&gt; &quot;x&quot; &apos;y&apos;');
  });

  it('ranks exact, then prefix, then word start, then anywhere; ties keep the list order', () => {
    expect(matchApps(APPS, 'docs').map((a) => a.name)).to.deep.equal(['Docs', 'Rechat Docs']);
    expect(matchApps(APPS, 'do').map((a) => a.name)).to.deep.equal(['Docusign', 'Docs', 'Rechat Docs']);
    expect(matchApps(APPS, 'wolf').map((a) => a.name)).to.deep.equal(['Lone Wolf Transactions']);
    expect(matchApps(APPS, 'mes').map((a) => a.name)).to.deep.equal(['Homes.com']);
    expect(matchApps(APPS, 'com').map((a) => a.name)).to.deep.equal(['Homes.com']);
    expect(matchApps(APPS, 'xyz')).to.deep.equal([]);
    expect(matchApps(APPS, '  ').length).to.equal(APPS.length);
  });

  it('matches without case or accents', () => {
    expect(matchApps([app('Crème Immobilier')], 'CREME').map((a) => a.name)).to.deep.equal(['Crème Immobilier']);
  });

  it('opens the exact name of a chosen suggestion, else the best match', () => {
    expect(bestMatch(APPS, 'Docs')?.name).to.equal('Docs');
    expect(bestMatch(APPS, 'zil')?.name).to.equal('Zillow Premier');
    expect(bestMatch(APPS, 'nothing like it')).to.equal(undefined);
    expect(bestMatch([], 'x')).to.equal(undefined);
  });

  it("describes a match with Chrome's markup, escaping the app's own text", () => {
    const hostile = app('R&D <b>Tools</b>', 'https://x.example/?a=1&b=<2>');
    expect(describeApp(hostile, 'tool', true)).to.equal(
      'R&amp;D &lt;b&gt;<match>Tool</match>s&lt;/b&gt; <dim>—</dim> <url>x.example</url>',
    );
    expect(describeApp(app('Docusign'), '', true)).to.equal('Docusign <dim>—</dim> <url>app.example.com</url>');
  });

  it('describes a match as plain text for Firefox', () => {
    expect(describeApp(app('R&D <Tools>'), 'tool', false)).to.equal('R&D <Tools> — app.example.com');
    expect(describeApp({ name: 'No URL', open_url: 'not a url', url: null }, '', false)).to.equal('No URL');
  });
});
