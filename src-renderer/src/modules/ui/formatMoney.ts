const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Money as offices write it: ¥12,345.00. A currency other than RMB keeps its
 * code after the amount (12,345.00 USD) rather than pretending to be yuan.
 */
export const formatMoney = (amount: number | null | undefined, currency?: string | null): string => {
  if (amount === null || amount === undefined) return '';
  const c = currency?.trim().toUpperCase();
  if (!c || c === 'CNY' || c === 'RMB' || c === '人民币' || c === '元') return `¥${yuan.format(amount)}`;
  return `${yuan.format(amount)} ${currency!.trim()}`;
};
