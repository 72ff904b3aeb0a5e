import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelQuery } from '../api/hooks';
import { normaliseColumnKeys } from './columns';
import { useSetPref } from '../shell/hooks';

const prefKey = ['prefs.get', { key: 'customerColumns' }] as const;

/**
 * The columns a user chose, kept per user in the main process ('prefs',
 * key 'customerColumns') so they survive a restart and follow the login.
 * The choice shows at once (local state: the query cache notifies a tick
 * later, which would make a controlled checkbox flicker back); the save
 * happens behind it.
 */
export const useColumnPrefs = () => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const pref = useChannelQuery('prefs.get', { key: 'customerColumns' });
  const save = useSetPref();
  const [chosen, setChosen] = useState<string[] | null>(null);
  // Memoised: the table's rows are memoised on the column list, a new array each render would re-render them all.
  const stored = useMemo(() => normaliseColumnKeys(pref.data), [pref.data]);
  const keys = chosen ?? stored;
  const setKeys = (next: string[]) => {
    const value = normaliseColumnKeys(next);
    setChosen(value);
    client.setQueryData(prefKey, value);
    save.mutate(
      { key: 'customerColumns', value },
      { onError: () => notifications.show({ color: 'red', message: t('customerList.columns.saveFailed') }) },
    );
  };
  return { keys, setKeys };
};
