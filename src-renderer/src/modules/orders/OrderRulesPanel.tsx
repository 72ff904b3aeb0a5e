import { Button, Center, Divider, Group, Loader, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { orderRulesSchema } from '@shared/orders/schemas';
import type { OrderRules } from '@shared/orders/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useZodForm } from '../ui/useZodForm';
import { useSaveOrderRules } from './hooks';

/** The form works in yuan for the loyal total; the rules store fen. */
type FormValues = Omit<OrderRules, 'loyalMinTotal'> & { loyalMinTotal: number };

const RulesForm = ({ initial }: { initial: OrderRules }) => {
  const { t } = useTranslation();
  const save = useSaveOrderRules();
  const form = useZodForm(orderRulesSchema, { mode: 'controlled', initialValues: initial as FormValues });
  const s = (k: string): string => t(`orders.settings.${k}`);
  const num = (key: keyof OrderRules, props: { min: number; max: number; step?: number; decimalScale?: number; suffix?: string }) => (
    <NumberInput label={s(key)} {...props} {...form.getInputProps(key)} data-testid={`rule-${key}`} />
  );
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        save.mutate(values as OrderRules, { onSuccess: () => notifications.show({ color: 'green', message: t('orders.settings.saved') }) }),
      )}
    >
      <Stack gap="sm">
        <Text fw={600}>{s('title')}</Text>
        <Divider label={s('lifecycle')} labelPosition="left" />
        <Group grow align="flex-start">
          {num('repeatMinOrders', { min: 2, max: 100 })}
          {num('loyalMinOrders', { min: 2, max: 1000 })}
          {num('loyalWindowMonths', { min: 1, max: 120 })}
        </Group>
        <NumberInput
          label={s('loyalMinTotal')}
          min={0}
          max={1e10}
          thousandSeparator=","
          value={form.getValues().loyalMinTotal / 100}
          onChange={(v) => form.setFieldValue('loyalMinTotal', Math.round(Number(v || 0) * 100))}
          error={form.errors.loyalMinTotal}
        />
        <Text size="xs" c="dimmed">
          {s('lifecycleRule')}
        </Text>
        <Divider label={s('churn')} labelPosition="left" />
        {num('churnFactor', { min: 1, max: 10, step: 0.1, decimalScale: 2 })}
        <Divider label={s('abc')} labelPosition="left" />
        <Group grow align="flex-start">
          {num('abcPeriodMonths', { min: 1, max: 60 })}
          {num('abcAPercent', { min: 1, max: 99, suffix: '%' })}
          {num('abcBPercent', { min: 1, max: 99, suffix: '%' })}
        </Group>
        <Text size="xs" c="dimmed">
          {s('abcRule')}
        </Text>
        <ErrorAlert error={save.error} />
        <Button type="submit" loading={save.isPending} w="fit-content" data-testid="rules-save">
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
};

/** 设置 → 成交与等级 (managers and admins): lifecycle, churn and ABC rules. */
export const OrderRulesPanel = () => {
  const rules = useChannelQuery('orders.rules', {});
  return (
    <Paper withBorder p="md" maw={720}>
      <ErrorAlert error={rules.error} />
      {rules.data ? (
        <RulesForm initial={rules.data} />
      ) : (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
    </Paper>
  );
};
