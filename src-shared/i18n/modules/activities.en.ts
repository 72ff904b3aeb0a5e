import type { activitiesZhCN } from './activities.zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const activitiesEn: Widen<typeof activitiesZhCN> = {};
