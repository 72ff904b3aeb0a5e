import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from '../../src-main/services/ids';

describe('newId', () => {
  it('gives valid UUIDv7s, all distinct and in increasing order even within one millisecond', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) throw new Error(`not increasing at ${i}: ${ids[i - 1]} ${ids[i]}`);
    // The random tail differs from id to id (not one pool slice reused).
    expect(new Set(ids.slice(0, 1000).map((id) => id.slice(-12))).size).toBe(1000);
  });
});
