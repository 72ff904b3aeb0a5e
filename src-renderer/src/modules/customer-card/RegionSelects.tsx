import { Group, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { citiesOf, districtsOf, provinces, type Region } from '@shared/regions';

type Codes = { provinceCode: string | null; cityCode: string | null; districtCode: string | null };

const options = (regions: Region[]) => regions.map((r) => ({ value: r.code, label: r.name }));

/**
 * 省 → 市 → 区 from the maintained region dataset (src-shared/regions.ts).
 * Choosing a level clears the ones below it; a municipality's single city
 * level (北京市 …) is filled in at once.
 */
export const RegionSelects = ({ value, onChange }: { value: Codes; onChange: (codes: Codes) => void }) => {
  const { t } = useTranslation();
  const provinceOptions = useMemo(() => options(provinces()), []);
  const cities = useMemo(() => (value.provinceCode ? citiesOf(value.provinceCode) : []), [value.provinceCode]);
  const districts = useMemo(() => (value.cityCode ? districtsOf(value.cityCode) : []), [value.cityCode]);
  return (
    <Group gap="xs" grow wrap="nowrap" align="flex-start">
      <Select
        label={t('customerCard.form.province')}
        placeholder={t('customerCard.form.pickProvince')}
        data={provinceOptions}
        value={value.provinceCode}
        onChange={(provinceCode) => {
          const only = provinceCode ? citiesOf(provinceCode) : [];
          onChange({ provinceCode, cityCode: only.length === 1 ? only[0]!.code : null, districtCode: null });
        }}
        searchable
        clearable
      />
      <Select
        label={t('customerCard.form.city')}
        placeholder={t('customerCard.form.pickCity')}
        data={options(cities)}
        value={value.cityCode}
        onChange={(cityCode) => onChange({ ...value, cityCode, districtCode: null })}
        disabled={cities.length === 0}
        searchable
        clearable
      />
      <Select
        label={t('customerCard.form.district')}
        placeholder={t('customerCard.form.pickDistrict')}
        data={options(districts)}
        value={value.districtCode}
        onChange={(districtCode) => onChange({ ...value, districtCode })}
        disabled={districts.length === 0}
        searchable
        clearable
      />
    </Group>
  );
};
