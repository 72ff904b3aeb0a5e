import type { firstLoginZhCN } from './firstLogin.zh-CN';
import type { Widen } from '../widen';

export const firstLoginEn: Widen<typeof firstLoginZhCN> = {
  title: 'First set a password of your own',
  subtitle: 'Welcome to Tuoke, {{name}}',
  explain: 'Your password was set by an administrator, who knows it. Change it to one only you know; then you can start.',
  mustChange: 'Must change the password at first login',
  mustChangeHint: 'You set this password and know it; let the person replace it with their own when they log in.',
};
