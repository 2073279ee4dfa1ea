import { expect } from '@open-wc/testing';
import { isPlainHttpUrl, normaliseUrl, safeHttpUrl, safeIconUrl } from './urls.ts';
import { qrMatrix } from './qr.ts';

describe('safeIconUrl', () => {
  it('loads https icons on any page, http icons only on an http page', () => {
    for (const page of ['https:', 'chrome-extension:', 'moz-extension:', 'about:', '']) {
      expect(safeIconUrl('https://cdn.example/i.png', page), String(page)).to.equal('https://cdn.example/i.png');
      expect(safeIconUrl('http://cdn.example/i.png', page), String(page)).to.equal(null);
      expect(safeIconUrl('HTTP://cdn.example/i.png', page), String(page)).to.equal(null);
    }
    expect(safeIconUrl('http://cdn.example/i.png', 'http:')).to.equal('http://cdn.example/i.png');
    expect(safeIconUrl('https://cdn.example/i.png', 'http:')).to.equal('https://cdn.example/i.png');
  });

  it('still refuses every other scheme and junk', () => {
    for (const page of ['https:', 'http:']) {
      for (const url of ['javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'blob:https://a.example/x', '/icon.png', '', null, 42]) {
        expect(safeIconUrl(url, page), `${String(url)} on ${page}`).to.equal(null);
      }
    }
  });

  it('defaults to this page: the test page is http, so http icons load here', () => {
    expect(location.protocol).to.equal('http:');
    expect(safeIconUrl('http://cdn.example/i.png')).to.equal('http://cdn.example/i.png');
  });
});

describe('isPlainHttpUrl', () => {
  it('is true for http: URLs only', () => {
    expect(isPlainHttpUrl('http://tools.example/')).to.equal(true);
    expect(isPlainHttpUrl('HTTP://tools.example/')).to.equal(true);
    for (const url of ['https://tools.example/', 'javascript:alert(1)', 'httpx://a', '', undefined]) expect(isPlainHttpUrl(url), String(url)).to.equal(false);
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs, normalised', () => {
    expect(safeHttpUrl('https://app.rechat.com')).to.equal('https://app.rechat.com/');
    expect(safeHttpUrl('http://example.com/a?b=1#c')).to.equal('http://example.com/a?b=1#c');
    expect(safeHttpUrl('HTTPS://EXAMPLE.com/x')).to.equal('https://example.com/x');
    expect(safeHttpUrl('  https://example.com/x  ')).to.equal('https://example.com/x');
  });

  it('refuses every other scheme, however it is spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.com/uuid',
      'ftp://example.com/',
      'chrome-extension://abc/popup.html',
      'about:blank',
    ]) {
      expect(safeHttpUrl(url), url).to.equal(null);
    }
  });

  it('refuses junk and non-strings', () => {
    for (const value of ['', 'not a url', '//example.com', '/relative', 'https://', undefined, null, 42, {}, ['https://a.example/']]) {
      expect(safeHttpUrl(value), String(value)).to.equal(null);
    }
  });

  it('resolves relative URLs against a base, and still refuses other schemes', () => {
    expect(safeHttpUrl('/icon.png', 'https://api.example/v1/')).to.equal('https://api.example/icon.png');
    expect(safeHttpUrl('icon.png', 'https://api.example/v1/')).to.equal('https://api.example/v1/icon.png');
    expect(safeHttpUrl('javascript:alert(1)', 'https://api.example/')).to.equal(null);
    expect(safeHttpUrl('x', 'not a base')).to.equal(null);
  });
});

describe('qrMatrix', () => {
  it('encodes an otpauth URI as a square matrix of booleans, with a quiet zone', () => {
    const matrix = qrMatrix('otpauth://totp/Rechat:agent%40example.com?issuer=Rechat&secret=JBSWY3DPEHPK3PXP');
    expect(matrix.length).to.be.greaterThan(21);
    for (const row of matrix) expect(row).to.have.length(matrix.length);
    // The border (2 modules) is light all round; the finder pattern's corner is dark.
    expect(matrix[0]!.every((m) => m === false)).to.equal(true);
    expect(matrix.at(-1)!.every((m) => m === false)).to.equal(true);
    expect(matrix[2]![2]).to.equal(true);
    // Different text, different code.
    expect(qrMatrix('otpauth://totp/x?secret=AAAA')).not.to.deep.equal(matrix);
  });
});

describe('normaliseUrl', () => {
  it('writes one API base one way: case, default port and trailing slashes', () => {
    expect(normaliseUrl('HTTPS://API.example:443/v1//')).to.equal('https://api.example/v1');
    expect(normaliseUrl('https://api.example/v1')).to.equal('https://api.example/v1');
  });

  it('resolves a relative URL against a base, and throws on junk', () => {
    expect(normaliseUrl('/broker/', 'https://intranet.example/page')).to.equal('https://intranet.example/broker');
    expect(() => normaliseUrl('not a url')).to.throw(TypeError);
  });
});
