import { expect } from '@open-wc/testing';
import { safeHttpUrl } from './urls.ts';

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs, normalised', () => {
    expect(safeHttpUrl('https://app.rechat.com')).to.equal('https://app.rechat.com/');
    expect(safeHttpUrl('http://example.com/a?b=1#c')).to.equal('http://example.com/a?b=1#c');
    expect(safeHttpUrl('HTTPS://EXAMPLE.com/x')).to.equal('https://example.com/x');
  });
});
