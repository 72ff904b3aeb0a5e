/** Strings of the visits capability (namespace `visits`). en must match. */
export const visitsZhCN = {};
