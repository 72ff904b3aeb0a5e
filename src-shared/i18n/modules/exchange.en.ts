import type { exchangeZhCN } from './exchange.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const exchangeEn: Widen<typeof exchangeZhCN> = {};
