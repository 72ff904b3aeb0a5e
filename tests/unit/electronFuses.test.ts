import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The installer cannot be built here (no Electron binary), so this reads the
 * packaging config and checks the hardening is there, with the exact option
 * names electron-builder's own schema knows (a misspelt key would be
 * rejected or ignored at packaging time, on a Windows or Mac, too late).
 */
const config = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

/** The scalar top-level keys and one level of nested block (two-space indented scalars): all this config uses. */
const parseSimpleYaml = (text: string): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  let block: Record<string, unknown> | null = null;
  const scalar = (v: string): unknown => (v === 'true' ? true : v === 'false' ? false : v.replace(/^"(.*)"$/, '$1'));
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^([A-Za-z][\w]*):\s*(.*)$/.exec(line);
    if (top) {
      if (top[2] === '') {
        block = {};
        out[top[1]!] = block;
      } else {
        block = null;
        out[top[1]!] = scalar(top[2]!);
      }
      continue;
    }
    const nested = /^ {2}([A-Za-z][\w]*):\s*(\S.*)$/.exec(line);
    if (nested && block) block[nested[1]!] = scalar(nested[2]!);
  }
  return out;
};

type Schema = { properties: Record<string, unknown>; definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
const schema = createRequire(import.meta.url)('app-builder-lib/scheme.json') as Schema;
const parsed = parseSimpleYaml(config);

describe('electron-builder.yml hardening', () => {
  it('sets the Electron fuses that close code-injection paths', () => {
    expect(parsed.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('uses only fuse names electron-builder knows', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const name of Object.keys(parsed.electronFuses as object)) expect(known).toContain(name);
    expect(Object.keys(schema.properties)).toContain('electronFuses');
  });

  it('packs the app into an asar archive with its integrity hash', () => {
    expect(parsed.asar).toBe(true);
    expect(parsed.disableAsarIntegrity).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['asar', 'disableAsarIntegrity']));
  });
});
