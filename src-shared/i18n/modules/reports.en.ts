import type { reportsZhCN } from './reports.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const reportsEn: Widen<typeof reportsZhCN> = {};
