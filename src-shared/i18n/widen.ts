/**
 * The English resources mirror the Chinese ones key for key (the Chinese file is the reference). English may add
 * plural forms that Chinese does not need: `key_one` beside `key` ("1 customer" / "3 customers"), picked by
 * i18next from the `count` option.
 */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> } & { [K in `${string}_one`]?: string };
