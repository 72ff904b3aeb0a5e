/** Strings of the reports capability (namespace `reports`). en must match. */
export const reportsZhCN = {};
