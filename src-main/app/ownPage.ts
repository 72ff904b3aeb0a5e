import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Decides whether a URL is the app's own page: the only page that may call
 * the main process, navigate, or get a permission. Pure (no electron import)
 * so a unit test covers the attack URLs.
 *
 * - Packaged or built: the exact bundled index.html. A file: URL is compared
 *   by its resolved path (so `…/renderer/../renderer/index.html` is the same
 *   page and `…/evil.html?x=/renderer/index.html` is not); a query string or a
 *   host (a UNC share on Windows) is refused; only a hash (the router's route)
 *   may follow.
 * - Development (electron-vite's server): the exact origin of that server.
 */
export type OwnPage = { bundledIndexHtml: string; devServerUrl: string | null; platform?: NodeJS.Platform };

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** Windows and macOS file systems are case-insensitive by default; compare paths as the OS would. */
const samePath = (a: string, b: string, platform: NodeJS.Platform): boolean =>
  platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();

export const isOwnPageUrl = (url: string, own: OwnPage): boolean => {
  const parsed = parse(url);
  if (!parsed) return false;
  if (own.devServerUrl) {
    const dev = parse(own.devServerUrl);
    // A URL's origin is "null" for opaque schemes (file:, data:, about:): never equal to an http origin.
    return dev !== null && dev.origin !== 'null' && parsed.origin === dev.origin;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '' || parsed.search !== '' || parsed.username || parsed.password) return false;
  let path: string;
  try {
    // Refuses encoded separators (%2F, and %5C on Windows) that would make two readings of one URL.
    path = fileURLToPath(parsed);
  } catch {
    return false;
  }
  return samePath(resolve(path), resolve(own.bundledIndexHtml), own.platform ?? process.platform);
};
