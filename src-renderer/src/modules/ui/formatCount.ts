const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** A count of rows or customers with thousands separators (1,200), the same in both languages. */
export const formatCount = (n: number): string => grouped.format(n);
