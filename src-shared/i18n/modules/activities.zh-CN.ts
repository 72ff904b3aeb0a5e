/** Strings of the activities capability (namespace `activities`). en must match. */
export const activitiesZhCN = {};
