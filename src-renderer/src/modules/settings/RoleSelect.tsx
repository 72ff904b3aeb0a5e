import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles } from '@shared/roles';

export const RoleSelect = (props: Omit<SelectProps, 'data'>) => {
  const { t } = useTranslation();
  return <Select allowDeselect={false} data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...props} />;
};
