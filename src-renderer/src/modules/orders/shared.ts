import { localDate } from '@shared/dates';
import { formatMoney } from '../ui/formatMoney';

/** Fen → ¥1,234.56. */
export const money = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '' : formatMoney(fen / 100));

/** Yuan typed in a form → fen. */
export const toFen = (yuan: number | string | null | undefined): number => Math.round(Number(yuan || 0) * 100);

/** Today as 'YYYY-MM-DD' in local time. */
export const todayIso = (): string => localDate(Date.now());
