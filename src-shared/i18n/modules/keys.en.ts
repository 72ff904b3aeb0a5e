import type { keysZhCN } from './keys.zh-CN';

/** English strings of the database key's rotation (re-key); same keys as keys.zh-CN.ts. */
export const keysEn: typeof keysZhCN = {
  title: 'Database key',
  running: 'Changing the database key ({{reason}})…',
  phase: {
    backup: 'Step 1 of 3: backing up the current data',
    sealing: 'Step 2 of 3: preparing the new database key for each active account and the recovery key',
    rekeying: 'Step 3 of 3: re-encrypting the database with the new key',
    done: 'Done',
    failed: 'Not completed',
  },
  reason: {
    deactivated: 'an account was deactivated',
    demoted: 'a role was taken away',
    'recovery-rotated': 'a new recovery key was generated',
    manual: 'changed by hand',
    resumed: 'finishing an interrupted change',
  },
  done: 'The database key was changed ({{reason}}). Keys kept in old backups (a departed person’s password of the time, an old recovery key) no longer open the current database; active accounts log in with their own passwords as before. A backup was made first: {{fileName}}',
  needsReset: 'These accounts have not logged in since the upgrade, so the new key could not be given to them; reset their passwords: {{names}}',
  recoveryMissing: 'There is no usable recovery key now (the old one could not be carried over). Generate a new recovery key under Settings → System and keep it safe.',
  pending: 'Changing the database key has not completed ({{reason}}): {{error}}. It continues at the next login, or try again now.',
  pendingNoError: 'the program was interrupted while changing the database key',
  retry: 'Change the database key now',
  retryDone: 'The database key was changed',
  legacy: 'These accounts have not logged in since the upgrade: {{names}}. Changing the database key before they do (for example by deactivating an account) means resetting their passwords.',
  oldCopies:
    'Please note: a backup made before someone left still opens with that person’s password of the time, and holds the data as it was then; a laptop that leaves with the person keeps what it already had. After the deactivation, the current database and every later backup no longer open with it.',
};
