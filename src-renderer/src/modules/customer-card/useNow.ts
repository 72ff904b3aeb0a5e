import { useState } from 'react';

/** The time the view was opened: what "overdue" and "days since" are measured against while it is shown. */
export const useNow = (): number => useState(Date.now)[0];
