import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isOwnPageUrl } from '../../src-main/app/ownPage';

const bundled = '/opt/Tuoke/resources/app.asar/out/renderer/index.html';
const own = { bundledIndexHtml: bundled, devServerUrl: null, platform: 'linux' as const };
const page = pathToFileURL(bundled).href;

describe('isOwnPageUrl for the bundled page', () => {
  it('accepts the bundled index.html, with or without a route in the hash', () => {
    expect(isOwnPageUrl(page, own)).toBe(true);
    expect(isOwnPageUrl(`${page}#/customers/abc`, own)).toBe(true);
    expect(isOwnPageUrl('file:///opt/Tuoke/resources/app.asar/out/renderer/../renderer/index.html#/', own)).toBe(true);
  });

  it.each([
    ['another file whose query names the page', 'file:///tmp/evil.html?x=/renderer/index.html'],
    ['another file whose hash names the page', 'file:///tmp/evil.html#/renderer/index.html'],
    ['another file whose path ends like the page', 'file:///home/mallory/renderer/index.html'],
    ['a file below the page', 'file:///opt/Tuoke/resources/app.asar/out/renderer/index.html/evil.html'],
    ['the page with a query', `${page}?inject=1`],
    ['an encoded slash that would read as the page', 'file:///tmp/x%2F..%2F..%2Fopt/Tuoke/resources/app.asar/out/renderer/index.html'],
    ['the page on a remote host (UNC share)', 'file://evil-host/opt/Tuoke/resources/app.asar/out/renderer/index.html'],
    ['a web page naming the page', 'https://evil.example/renderer/index.html'],
    ['a data: URL', 'data:text/html,<script>/renderer/index.html</script>'],
    ['about:blank', 'about:blank'],
    ['an empty string', ''],
    ['a URL that does not parse', 'not a url /renderer/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(isOwnPageUrl(url, own)).toBe(false);
  });

  it('compares paths case-insensitively only where the file system does', () => {
    const upper = page.replace('/renderer/', '/RENDERER/');
    expect(isOwnPageUrl(upper, own)).toBe(false);
    expect(isOwnPageUrl(upper, { ...own, platform: 'darwin' })).toBe(true);
  });
});

describe('isOwnPageUrl for the development server', () => {
  const dev = { bundledIndexHtml: bundled, devServerUrl: 'http://localhost:5173/', platform: 'linux' as const };

  it('accepts any page of the exact dev origin', () => {
    expect(isOwnPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isOwnPageUrl('http://localhost:5173/#/settings', dev)).toBe(true);
  });

  it.each([
    ['a host that starts with the dev host', 'http://localhost:5173.evil.example/'],
    ['credentials before a foreign host', 'http://localhost:5173@evil.example/'],
    ['another port', 'http://localhost:5174/'],
    ['another scheme', 'https://localhost:5173/'],
    ['the bundled file while the dev server is in use', page],
  ])('refuses %s', (_what, url) => {
    expect(isOwnPageUrl(url, dev)).toBe(false);
  });

  it('compares origins even when the dev URL has no trailing slash (as electron-vite sets it)', () => {
    const bare = { ...dev, devServerUrl: 'http://localhost:5173' };
    expect(isOwnPageUrl('http://localhost:5173/#/home', bare)).toBe(true);
    expect(isOwnPageUrl('http://localhost:5173.evil.example/', bare)).toBe(false);
    expect(isOwnPageUrl('http://localhost:51730/', bare)).toBe(false);
  });
});
