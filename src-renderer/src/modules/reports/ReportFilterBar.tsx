import { Button, Group, MultiSelect } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customerSources } from '@shared/customers/enums';
import { citiesOf, provinces } from '@shared/regions';
import { sells } from '@shared/roles';
import { gradeFilterValues, type GradeFilterValue, type ReportFilter } from '@shared/reports/schemas';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { useDirectory } from '../customer-list/useDirectory';
import { PeriodPicker } from './PeriodPicker';

type Props = { session: SessionInfo; filter: ReportFilter; onChange: (f: ReportFilter) => void };

const W = 150;

/** Period, owner (managers), grade, source, region and industry: the filter of every report. */
export const ReportFilterBar = ({ session, filter, onChange }: Props) => {
  const { t } = useTranslation();
  const { users } = useDirectory();
  const options = useChannelQuery('reports.options', {});
  // Everyone's figures (UserCan.seeTeam): the owner filter; a salesperson's reports are their own.
  const seeTeam = session.user.can.seeTeam;
  const set = <K extends keyof ReportFilter>(key: K, value: ReportFilter[K]) => onChange({ ...filter, [key]: value });
  const cities = filter.provinceCodes.flatMap((p) => citiesOf(p));
  const filtered =
    filter.ownerIds.length + filter.grades.length + filter.sources.length + filter.provinceCodes.length + filter.cityCodes.length + filter.industries.length > 0;
  const common = { size: 'xs' as const, w: W, clearable: true, searchable: true, maxDropdownHeight: 280 };
  return (
    <Group gap="xs" align="flex-start" data-testid="report-filters">
      <PeriodPicker value={filter.period} onChange={(period) => set('period', period)} />
      {seeTeam && (
        <MultiSelect
          {...common}
          aria-label={t('reports.filter.owner')}
        placeholder={t('reports.filter.owner')}
          data-testid="filter-owner"
          data={users.filter((u) => sells(u.role)).map((u) => ({ value: u.id, label: u.displayName }))}
          value={filter.ownerIds}
          onChange={(v) => set('ownerIds', v)}
        />
      )}
      <MultiSelect
        {...common}
        w={120}
        aria-label={t('reports.filter.grade')}
        placeholder={t('reports.filter.grade')}
        data-testid="filter-grade"
        data={gradeFilterValues.map((g) => ({ value: g, label: g === 'none' ? t('reports.noGrade') : g }))}
        value={filter.grades}
        onChange={(v) => set('grades', v as GradeFilterValue[])}
      />
      <MultiSelect
        {...common}
        aria-label={t('reports.filter.source')}
        placeholder={t('reports.filter.source')}
        data-testid="filter-source"
        data={customerSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
        value={filter.sources}
        onChange={(v) => set('sources', v as ReportFilter['sources'])}
      />
      <MultiSelect
        {...common}
        aria-label={t('reports.filter.province')}
        placeholder={t('reports.filter.province')}
        data-testid="filter-province"
        data={provinces().map((p) => ({ value: p.code, label: p.name }))}
        value={filter.provinceCodes}
        onChange={(v) => onChange({ ...filter, provinceCodes: v, cityCodes: filter.cityCodes.filter((c) => v.includes(c.slice(0, 2))) })}
      />
      {cities.length > 0 && (
        <MultiSelect
          {...common}
          aria-label={t('reports.filter.city')}
        placeholder={t('reports.filter.city')}
          data={cities.map((c) => ({ value: c.code, label: c.name }))}
          value={filter.cityCodes}
          onChange={(v) => set('cityCodes', v)}
        />
      )}
      <MultiSelect
        {...common}
        w={180}
        aria-label={t('reports.filter.industry')}
        placeholder={t('reports.filter.industry')}
        data-testid="filter-industry"
        data={options.data?.industries ?? []}
        value={filter.industries}
        onChange={(v) => set('industries', v)}
      />
      {filtered && (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({ ...filter, ownerIds: [], grades: [], sources: [], provinceCodes: [], cityCodes: [], industries: [] })}
        >
          {t('reports.filter.clear')}
        </Button>
      )}
    </Group>
  );
};
