/** A column's label for people: the exchange's own list, then the customer and contact field labels, else the SQL name. */
export const columnLabel = (t: (key: string) => string, table: string, column: string): string => {
  if (column.startsWith('_')) {
    const key = `exchange.system.${column.slice(1)}`;
    const label = t(key);
    return label && label !== key ? label : column;
  }
  const camel = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const keys = [
    ...(table === 'contacts' ? [`customer.contactFields.${camel}`] : []),
    ...(table === 'customers' ? [`customer.fields.${camel}`] : []),
    `exchange.columns.${column}`,
  ];
  for (const key of keys) {
    const label = t(key);
    if (label && label !== key) return label;
  }
  return column;
};
