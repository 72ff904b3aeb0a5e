/** The single Electron IPC channel that carries contract calls. */
export const INVOKE_CHANNEL = 'tuoke:invoke';
