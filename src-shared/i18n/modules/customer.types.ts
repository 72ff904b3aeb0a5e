import type { customerZhCN } from './customer.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CustomerMessages = Widen<typeof customerZhCN>;
