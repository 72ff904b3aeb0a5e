import { regionName } from '../regions';
import type { ReportFilter } from './schemas';
import type { T } from './tables';

/** The filter in words, for the export's first sheet and the printout: 负责人：张伟；等级：A、B … (empty when nothing is filtered). */
export const describeFilter = (t: T, f: ReportFilter, userName: (id: string) => string): string => {
  const parts: string[] = [];
  const add = (label: string, values: string[]) => {
    if (values.length) parts.push(`${t(label)}：${values.join('、')}`);
  };
  add('reports.filter.owner', f.ownerIds.map(userName));
  add('reports.filter.grade', f.grades.map((g) => (g === 'none' ? t('reports.noGrade') : g)));
  add('reports.filter.source', f.sources.map((s) => t(`customer.source.${s}`)));
  add('reports.filter.region', [...f.provinceCodes, ...f.cityCodes].map((c) => regionName(c) ?? c));
  add('reports.filter.industry', f.industries);
  return parts.join('；');
};
