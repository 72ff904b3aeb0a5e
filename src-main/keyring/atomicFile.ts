import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash or power cut leaves either the old or the new
 * content, never a torn one: write a temp file, fsync it, rename over the
 * target, fsync the folder (where the OS allows).
 */
export const writeFileAtomic = (file: string, content: string): void => {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dirFd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Windows cannot open a folder for fsync; its rename is durable enough.
  }
};

export const readJsonIfExists = (file: string): unknown => {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
};
