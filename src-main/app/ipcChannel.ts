/** The single Electron IPC channel that carries contract calls. */
export const INVOKE_CHANNEL = 'tuoke:invoke';

/** Main → window: the change notices ({ tables }: the names of the tables a committed write changed, never data). */
export const CHANGES_CHANNEL = 'tuoke:changes';
