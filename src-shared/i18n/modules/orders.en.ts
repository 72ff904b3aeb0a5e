import type { ordersZhCN } from './orders.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const ordersEn: Widen<typeof ordersZhCN> = {};
