import type { Locale } from '../roles';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const resources: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
export type { Messages };
