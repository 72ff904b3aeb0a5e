import { useState } from 'react';
import { localDate } from '@shared/dates';
import { periodContaining, resolvePeriod, type Period, type PeriodSpec } from '@shared/reports/period';
import type { ReportFilter } from '@shared/reports/schemas';

/** The filter every report tab shares, starting at this month and everyone the viewer may see. */
export const emptyFilter = (): ReportFilter => ({
  period: { kind: 'month', anchor: localDate(Date.now()) },
  ownerIds: [],
  grades: [],
  sources: [],
  provinceCodes: [],
  cityCodes: [],
  industries: [],
});

export const useReportFilter = () => {
  const [filter, setFilter] = useState<ReportFilter>(emptyFilter);
  return { filter, setFilter };
};

/** A spec → its period, or null while a custom range is being typed wrong. */
export const safePeriod = (spec: PeriodSpec): Period | null => {
  try {
    return resolvePeriod(spec);
  } catch {
    return null;
  }
};

export { periodContaining };
