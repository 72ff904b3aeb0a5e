/**
 * The renderer's Content-Security-Policy, used by the Electron shell (as a
 * response header) and the test bridge alike; index.html carries the same
 * policy in a meta tag. Mantine injects <style> elements, hence the inline
 * styles; no inline or remote script is allowed.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
