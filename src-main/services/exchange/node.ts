import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../keyring/atomicFile';

/**
 * The identity of this PC (installation) in exchanges. Stored beside the
 * database, but bound to the folder's real path and the host name: a data
 * folder copied to another PC or folder (two PCs holding copies of one
 * workspace) gets a new node id on first use there, so two installations
 * never stamp changes with the same id.
 */
export const NODE_FILE = 'exchange-node.json';

type NodeFile = { nodeId: string; boundTo: string };

const fingerprint = (dataDir: string): string => {
  let real = resolve(dataDir);
  try {
    real = realpathSync(dataDir);
  } catch {
    // folder not there yet: the resolved path
  }
  return `${hostname()}:${real}`;
};

const cache = new Map<string, string>();

/** 12 lower-case hex digits, prefixed with 'n' (a JSON-path-safe key). */
export const nodeIdFor = (dataDir: string): string => {
  const boundTo = fingerprint(dataDir);
  const cached = cache.get(boundTo);
  if (cached) return cached;
  const file = join(dataDir, NODE_FILE);
  let nodeId: string | null = null;
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<NodeFile>;
      if (parsed.boundTo === boundTo && typeof parsed.nodeId === 'string' && /^n[0-9a-f]{12}$/.test(parsed.nodeId)) nodeId = parsed.nodeId;
    } catch {
      // unreadable: a new identity
    }
  }
  if (!nodeId) {
    nodeId = `n${randomBytes(6).toString('hex')}`;
    writeFileAtomic(file, `${JSON.stringify({ nodeId, boundTo } satisfies NodeFile)}\n`);
  }
  cache.set(boundTo, nodeId);
  return nodeId;
};

/** A label for people (the PC's host name). */
export const nodeLabel = (): string => hostname();
