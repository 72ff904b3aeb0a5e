import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../keyring/atomicFile';

/**
 * The identity of this PC (installation) in exchanges. Stored beside the
 * database, but bound to this installation (a random id kept in the user's
 * home folder, ~/.tuoke/installation-id), the host name and the folder's real
 * path: a data folder copied to another PC or folder (two PCs holding copies
 * of one workspace) gets a new node id on first use there, so two
 * installations never stamp changes with the same id — even when the PCs
 * share a host name and a path.
 */
export const NODE_FILE = 'exchange-node.json';

type NodeFile = { nodeId: string; boundTo: string };

let installation: string | null = null;

/** A random id per user account on this PC, made once. Unwritable home folder: the host name alone. */
const installationId = (): string => {
  if (installation) return installation;
  const file = join(homedir(), '.tuoke', 'installation-id');
  try {
    if (existsSync(file)) installation = readFileSync(file, 'utf8').trim();
    if (!installation || !/^[0-9a-f]{32}$/.test(installation)) {
      mkdirSync(join(homedir(), '.tuoke'), { recursive: true });
      installation = randomBytes(16).toString('hex');
      writeFileAtomic(file, `${installation}\n`);
    }
  } catch {
    installation = 'no-installation-file';
  }
  return installation;
};

const fingerprint = (dataDir: string): string => {
  let real = resolve(dataDir);
  try {
    real = realpathSync(dataDir);
  } catch {
    // folder not there yet: the resolved path
  }
  return `${installationId()}:${hostname()}:${real}`;
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
