/** Strings of the exchange capability (namespace `exchange`). en must match. */
export const exchangeZhCN = {};
