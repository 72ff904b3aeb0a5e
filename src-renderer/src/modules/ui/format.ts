/** Table dates in the ISO-like form Chinese offices use in tables: 2026-11-23 14:05. */
export const formatDateTime = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export const formatDate = (ms: number | null | undefined): string => formatDateTime(ms).slice(0, 10);

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** A count of rows or customers with thousands separators (1,200), the same in both languages. */
export const formatCount = (n: number): string => grouped.format(n);
