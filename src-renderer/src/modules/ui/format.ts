import { localDate, localDateTime } from '@shared/dates';

/** Table dates in the ISO-like form Chinese offices use in tables: 2026-11-23 14:05. */
export const formatDateTime = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : localDateTime(ms));

export const formatDate = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : localDate(ms));

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** A count of rows or customers with thousands separators (1,200), the same in both languages. */
export const formatCount = (n: number): string => grouped.format(n);
