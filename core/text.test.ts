import { expect } from '@open-wc/testing';
import { foldForSearch } from './text.ts';

describe('foldForSearch', () => {
  it('drops case, accents and compatibility forms', () => {
    expect(foldForSearch('Crème Brûlée')).to.equal('creme brulee');
    expect(foldForSearch('ﬁle')).to.equal('file');
    expect(foldForSearch('ＣＲＭ')).to.equal('crm');
  });

  it('drops combining marks outside the Latin block too', () => {
    // U+0E48 (a Thai tone mark) and U+20DD (an enclosing circle) are marks beyond U+0300–036F.
    expect(foldForSearch('a\u0e48b\u20dd')).to.equal('ab');
  });
});
