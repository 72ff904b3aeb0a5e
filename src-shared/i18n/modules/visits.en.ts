import type { visitsZhCN } from './visits.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const visitsEn: Widen<typeof visitsZhCN> = {};
