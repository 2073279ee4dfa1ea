import { expect } from '@open-wc/testing';
import { safeHttpUrl, safeIconUrl } from '../core/urls.ts';
import { tileView } from './tile.ts';

const app = (icon: string | null, open_url = 'http://tools.example/') => ({ id: 'a1', name: 'Old Tool', open_url, icon });

describe('tileView', () => {
  it('on an https page, an http icon falls back to initials; an http open_url still opens', () => {
    const onHttps = (u: unknown) => safeIconUrl(u, 'https:');
    const view = tileView(app('http://cdn.example/icon.png'), safeHttpUrl, onHttps);
    expect(view.icon).to.equal(null);
    expect(view.initials).to.equal('OT');
    expect(view.url).to.equal('http://tools.example/');
    expect(tileView(app('https://cdn.example/icon.png'), safeHttpUrl, onHttps).icon).to.equal('https://cdn.example/icon.png');
  });

  it('on an http page (this test page), an http icon is shown', () => {
    expect(tileView(app('http://cdn.example/icon.png'), safeHttpUrl).icon).to.equal('http://cdn.example/icon.png');
  });
});
