import { Anchor, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useChannelQuery } from '../api/hooks';
import type { CardExtension, CardProps } from '../customer-card/extensions';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { GradeBadge } from '../ui/GradeBadge';
import { OrderDetailModal } from './OrderDetailModal';
import { OrderFormModal } from './OrderFormModal';
import { OrdersTable } from './OrdersTable';
import { money } from './shared';

/** The strip under the header: total purchases, count, receivable (overdue part), grade, churn risk. */
const SalesSummary = (props: CardProps) => {
  const { t } = useTranslation();
  // The owner, managers and admins see a customer's sales (the card's can flags; the main process enforces the same).
  const allowed = props.card.can.seeSales;
  const q = useChannelQuery('orders.summary', { id: props.card.customer.id }, { enabled: allowed });
  if (!allowed) return null;
  if (q.error) return <ErrorAlert error={q.error} />;
  const s = q.data;
  if (!s) return null;
  const item = (label: string, value: string, testId: string) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Paper withBorder px="sm" py={6} data-testid="sales-summary">
      <Group gap="lg" wrap="wrap">
        <Group gap={6}>
          <IconReceipt size={16} />
          {item(t('orders.card.summary.total'), money(s.totalAmount), 'summary-total')}
        </Group>
        {item(t('orders.card.summary.count'), String(s.orderCount), 'summary-count')}
        {item(t('orders.card.summary.receivable'), money(s.receivable), 'summary-receivable')}
        {s.overdueAmount > 0 && (
          <Badge color="red" variant="light" tt="none" data-testid="summary-overdue">
            {t('orders.card.summary.overdue', { amount: money(s.overdueAmount) })}
          </Badge>
        )}
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('orders.card.summary.grade')}
          </Text>
          {s.grade ? (
            <Tooltip label={t('orders.card.summary.gradePeriod', { start: s.period.start, end: s.period.end })}>
              <span>
                <GradeBadge grade={s.grade} data-testid="summary-grade" />
              </span>
            </Tooltip>
          ) : (
            <Text size="sm" c="dimmed">
              {t('orders.card.summary.noGrade')}
            </Text>
          )}
        </Group>
        {s.intervalDays !== null && (
          <Text size="sm" c="dimmed">
            {t('orders.card.summary.interval', { days: Math.round(s.intervalDays) })}
          </Text>
        )}
        {s.churnRisk && (
          <Tooltip label={t('orders.card.summary.churnRiskHint', { factor: s.churnFactor })}>
            <Badge color="orange" variant="filled" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="summary-churn">
              {t('orders.card.summary.churnRisk')}
            </Badge>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
};

const TabLabel = (props: CardProps) => {
  const { t } = useTranslation();
  const allowed = props.card.can.seeSales;
  const q = useChannelQuery('orders.summary', { id: props.card.customer.id }, { enabled: allowed });
  return <>{t('orders.card.tab', { count: q.data?.orderCount ?? 0 })}</>;
};

/** The card tab: this customer's orders, newest first; a row opens the order with its lines and payments. */
const OrdersPanel = (props: CardProps) => {
  const { t } = useTranslation();
  const allowed = props.card.can.seeSales;
  const id = props.card.customer.id;
  const list = useChannelQuery('orders.list', { filter: { customerId: id }, limit: 500 }, { enabled: allowed });
  const history = useChannelQuery('orders.gradeHistory', { id }, { enabled: allowed });
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  if (!allowed)
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          {t('orders.card.noAccess')}
        </Text>
      </Paper>
    );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="card-order-totals">
          {list.data ? t('orders.list.totals', { count: list.data.total, amount: money(list.data.sumAmount), received: money(list.data.sumReceived) }) : ''}
        </Text>
        <Group gap="xs">
          <Anchor component={Link} to={`/orders?customerId=${id}`} size="sm">
            {t('orders.actions.viewAll')}
          </Anchor>
          {props.card.can.createOrder && (
            <Button size="xs" leftSection={<IconReceipt size={14} />} onClick={() => setAdding(true)} data-testid="card-add-order">
              {t('orders.actions.add')}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={list.error} />
      <Paper withBorder p="xs">
        {list.data && list.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('orders.card.empty')}
          </Text>
        ) : (
          <OrdersTable rows={list.data?.rows ?? []} showCustomer={false} onOpen={setOpen} />
        )}
      </Paper>
      {history.data && history.data.length > 0 && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600} mb={4}>
            {t('orders.card.gradeHistory')}
          </Text>
          <Stack gap={2}>
            {history.data.slice(0, 10).map((h) => (
              <Text key={`${h.at}-${h.grade}`} size="xs" c="dimmed">
                {formatDateTime(h.at)}{' · '}
                {t('orders.card.gradeChange', {
                  from: h.fromGrade ?? t('orders.card.summary.noGrade'),
                  to: h.grade ?? t('orders.card.summary.noGrade'),
                  period: `${h.periodStart} ~ ${h.periodEnd}`,
                  share: `${(h.share * 100).toFixed(1)}%`,
                })}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
      {adding && <OrderFormModal customerId={id} session={props.session} onClose={() => setAdding(false)} />}
      {open && <OrderDetailModal orderId={open} session={props.session} onClose={() => setOpen(null)} />}
    </Stack>
  );
};

/** The orders capability on the customer card. */
export const orderCard: CardExtension = {
  tabs: [{ value: 'orders', label: TabLabel, panel: OrdersPanel }],
  summary: [SalesSummary],
};
