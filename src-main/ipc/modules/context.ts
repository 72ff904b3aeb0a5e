import type { Db } from '../../db/connection';
import type { Workspace } from '../../services/workspace/workspace';
import type { Channel } from '../../../src-shared/contract';
import type { Handlers } from '../registry';

/** What a capability's handlers get from the host: the workspace, its open database, and a temp-file helper for downloads. */
export type ModuleContext = {
  ws: Workspace;
  /** The open database; throws UNAUTHENTICATED when the workspace is locked. */
  db: () => Db;
  /** Runs `make(file)` on a fresh temp path and returns the file as base64 (for downloads), removing it after. */
  tempFile: (name: string, make: (file: string) => Promise<number>) => Promise<{ dataBase64: string; rows: number }>;
};

/** The handlers of one capability's channels (declared in src-shared/contract/<module>.ts). */
export type ModuleHandlers<C> = { [K in keyof C & Channel]: Handlers[K] };
