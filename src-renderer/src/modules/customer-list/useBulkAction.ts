import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '@shared/contract';
import type { BulkResult } from '@shared/customers/types';
import type { ApiError } from '../api/api';
import { callRefreshing } from '../api/live';

/** Channels that take `ids` and answer with a BulkResult. */
export type BulkChannel =
  | 'customers.assign'
  | 'customers.balance'
  | 'customers.claim'
  | 'customers.release'
  | 'customers.bulkTag'
  | 'customers.setStatus'
  | 'customers.setTier'
  | 'customers.delete'
  | 'customers.restore'
  | 'customers.purge';

/** The contract takes at most 10,000 ids per call; a bigger selection goes in slices and the results add up. */
const SLICE = 5000;

export type BulkRequest<K extends BulkChannel> = { channel: K; input: Omit<ChannelInput<K>, 'ids'>; ids: string[] };

const reasonKeys = ['NOT_FOUND', 'FORBIDDEN', 'NOT_IN_POOL', 'NOT_OWNED', 'UNCHANGED'];

/** "分配：已处理 3 个，跳过 2 个（1 个不在公海，1 个无权操作）" */
export const useBulkResultText = () => {
  const { t } = useTranslation();
  return (action: string, result: BulkResult): string => {
    if (result.skipped.length === 0) return t('customerList.result.done', { action, changed: result.changed });
    const counts = new Map<string, number>();
    for (const s of result.skipped) {
      const key = reasonKeys.includes(s.reason) ? s.reason : 'other';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const reasons = [...counts]
      .map(([reason, count]) => t('customerList.result.reasonItem', { count, reason: t(`customerList.result.reasons.${reason}`) }))
      .join(t('customerList.result.separator'));
    return t('customerList.result.doneWithSkips', { action, changed: result.changed, skipped: result.skipped.length, reasons });
  };
};

/**
 * Runs one bulk change on customers (each slice refreshes what shows the tables it changed) and
 * reports changed/skipped counts in a notification.
 */
export const useBulkAction = () => {
  const client = useQueryClient();
  const resultText = useBulkResultText();
  return useMutation<BulkResult, ApiError, BulkRequest<BulkChannel> & { action: string }>({
    mutationFn: async ({ channel, input, ids }) => {
      const total: BulkResult = { changed: 0, skipped: [] };
      for (let i = 0; i < ids.length; i += SLICE) {
        const r = await callRefreshing(client, channel, { ...input, ids: ids.slice(i, i + SLICE) } as ChannelInput<typeof channel>);
        total.changed += r.changed;
        total.skipped.push(...r.skipped);
      }
      return total;
    },
    onSuccess: (result, { action }) => {
      notifications.show({
        color: result.changed === 0 ? 'yellow' : 'green',
        message: resultText(action, result),
        autoClose: result.skipped.length ? 8000 : 4000,
      });
    },
  });
};
