import type { joinZhCN } from './join.zh-CN';
import type { Widen } from '../widen';

export const joinEn: Widen<typeof joinZhCN> = {
  offer: 'Is this PC joining an office that already uses Tuoke?',
  offerLink: 'Restore from a backup',
  backToCreate: 'Create a new workspace instead',
  title: 'Restore from a backup',
  intro:
    'Choose one of the office’s backup files (.tkbak, usually in the backup folder or on a network drive), then enter the user name and password of someone in that workspace, or its recovery key. Afterwards this PC holds all the data as it was at the backup, and everyone logs in with their own password.',
  chooseFile: 'Choose the backup file',
  noFile: 'No file chosen yet',
  fileChosen: '{{name}} ({{size}} MB)',
  with: 'Open the backup with',
  withPassword: 'User name and password',
  withRecoveryKey: 'Recovery key',
  username: 'User name',
  password: 'Password',
  recoveryKey: 'Recovery key',
  start: 'Restore',
  uploading: 'Reading the backup file… {{percent}}%',
  restoring: 'Checking and restoring the data…',
  doneTitle: 'Restored',
  doneText: 'This PC now holds the data as it was at the backup: {{customers}} customers, {{users}} users.',
  goLogin: 'Log in',
};
