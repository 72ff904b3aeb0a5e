import { Badge, Group, Paper, Text, Timeline } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsJoin2,
  IconCalendarEvent,
  IconCalendarCheck,
  IconCalendarX,
  IconCash,
  IconChartBar,
  IconFileText,
  IconMapPin,
  IconMessageCircle,
  IconMoodSmile,
  IconReceipt,
  IconCrown,
  IconEdit,
  IconHistory,
  IconPlus,
  IconProgress,
  IconTag,
  IconTrash,
  IconUser,
  IconUserShare,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerEvent, CustomerEventKind, UserRef } from '@shared/customers/types';
import { formatDateTime } from '../ui/format';
import { formatMoney } from '../ui/formatMoney';
import { useFieldText } from './useFieldText';

const icons: Partial<Record<CustomerEventKind, ReactNode>> = {
  created: <IconPlus size={12} />,
  updated: <IconEdit size={12} />,
  owner_changed: <IconUserShare size={12} />,
  status_changed: <IconProgress size={12} />,
  tier_changed: <IconCrown size={12} />,
  tags_changed: <IconTag size={12} />,
  contact_added: <IconUser size={12} />,
  contact_updated: <IconUser size={12} />,
  contact_removed: <IconUser size={12} />,
  merged: <IconArrowsJoin2 size={12} />,
  merge_undone: <IconArrowsJoin2 size={12} />,
  deleted: <IconTrash size={12} />,
  restored: <IconHistory size={12} />,
  version_restored: <IconHistory size={12} />,
  activity_logged: <IconMessageCircle size={12} />,
  complaint_status: <IconAlertTriangle size={12} />,
  visit_planned: <IconCalendarEvent size={12} />,
  visit_approved: <IconCalendarCheck size={12} />,
  visit_rejected: <IconCalendarX size={12} />,
  visit_done: <IconMapPin size={12} />,
  minutes_status: <IconFileText size={12} />,
  survey_recorded: <IconMoodSmile size={12} />,
  order_added: <IconReceipt size={12} />,
  order_updated: <IconReceipt size={12} />,
  order_removed: <IconReceipt size={12} />,
  payment_received: <IconCash size={12} />,
  grade_changed: <IconChartBar size={12} />,
};

const colors: Partial<Record<CustomerEventKind, string>> = {
  created: 'green',
  owner_changed: 'violet',
  status_changed: 'cyan',
  merged: 'orange',
  merge_undone: 'orange',
  deleted: 'red',
  version_restored: 'grape',
  activity_logged: 'teal',
  complaint_status: 'red',
  visit_planned: 'indigo',
  visit_approved: 'green',
  visit_rejected: 'red',
  visit_done: 'indigo',
  minutes_status: 'cyan',
  survey_recorded: 'yellow',
  order_added: 'green',
  order_updated: 'green',
  order_removed: 'red',
  payment_received: 'green',
  grade_changed: 'grape',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const userRef = (v: unknown): UserRef | null =>
  v && typeof v === 'object' && 'displayName' in v && typeof v.displayName === 'string' ? (v as UserRef) : null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const named = (v: unknown): string => (v && typeof v === 'object' && 'name' in v && typeof v.name === 'string' ? v.name : '');

/** Turns one recorded event into a sentence (title) and its details, in the UI language. */
const useEventText = () => {
  const { t } = useTranslation();
  const { label } = useFieldText();
  const sep = t('customerCard.listSeparator');
  const fieldList = (v: unknown): string => strings(v).map(label).join(sep);
  const owner = (v: unknown): string => userRef(v)?.displayName || t('customer.pool');
  const status = (v: unknown): string => (str(v) ? t(`customer.status.${str(v)}`) : '—');
  const tier = (tierValue: unknown, vip: unknown): string => {
    const parts = [str(tierValue) ? t(`customer.tier.${str(tierValue)}`) : t('customerCard.tier.none')];
    if (typeof vip === 'number' && vip > 0) parts.push(t('customerCard.header.vip', { level: vip }));
    return parts.join(' · ');
  };
  return (e: CustomerEvent): { title: string; details: string[]; winBack: boolean } => {
    const d = e.data;
    const details: string[] = [];
    let title = t(`customer.events.${e.kind}`, { defaultValue: e.kind });
    switch (e.kind) {
      case 'updated':
      case 'version_restored':
        if (e.kind === 'updated') title = t('customer.events.updated', { fields: fieldList(d.fields) });
        else if (strings(d.fields).length) details.push(fieldList(d.fields));
        break;
      case 'owner_changed':
        // A new customer's first owner did not come from the pool: it had none yet.
        title = t('customer.events.owner_changed', { from: d.via === 'create' && !d.from ? '—' : owner(d.from), to: owner(d.to) });
        if (str(d.via)) details.push(t('customerCard.timeline.via', { via: t(`customer.events.via.${str(d.via)}`) }));
        if (str(d.reason)) details.push(t('customerCard.timeline.reason', { reason: str(d.reason) }));
        break;
      case 'status_changed':
        title = t('customer.events.status_changed', { from: status(d.from), to: status(d.to) });
        if (str(d.reason)) details.push(t('customerCard.timeline.reason', { reason: str(d.reason) }));
        break;
      case 'tier_changed':
        title = t('customer.events.tier_changed', { from: tier(d.fromTier, d.fromVip), to: tier(d.toTier, d.toVip) });
        break;
      case 'tags_changed':
        if (strings(d.added).length) details.push(t('customerCard.timeline.tagsAdded', { tags: strings(d.added).join(sep) }));
        if (strings(d.removed).length) details.push(t('customerCard.timeline.tagsRemoved', { tags: strings(d.removed).join(sep) }));
        break;
      case 'contact_added':
      case 'contact_updated':
      case 'contact_removed':
        title = t(`customer.events.${e.kind}`, { name: str(d.name) });
        if (e.kind === 'contact_updated' && strings(d.fields).length) {
          details.push(strings(d.fields).map((k) => t(`customer.contactFields.${k}`, { defaultValue: k })).join(sep));
        }
        break;
      case 'merged':
        if (named(d.other)) details.push(t('customerCard.timeline.mergedFrom', { name: named(d.other) }));
        if (named(d.into)) details.push(t('customerCard.timeline.mergedInto', { name: named(d.into) }));
        if (strings(d.fields).length) details.push(fieldList(d.fields));
        break;
      case 'merge_undone':
        if (named(d.other) || named(d.into)) details.push(t('customerCard.timeline.undoneFrom', { name: named(d.other) || named(d.into) }));
        break;
      case 'activity_logged': {
        const type = t(`activities.types.${str(d.type)}`, { defaultValue: str(d.type) });
        title = t(d.complaint === true ? 'customer.events.complaint_logged' : 'customer.events.activity_logged', { type });
        if (str(d.summary)) details.push(str(d.summary));
        break;
      }
      case 'complaint_status': {
        const cs = (v: unknown) => t(`activities.complaintStatus.${str(v)}`, { defaultValue: str(v) || '—' });
        title = t('customer.events.complaint_status', { from: cs(d.from), to: cs(d.to) });
        break;
      }
      case 'visit_planned':
        if (num(d.plannedAt) !== null) details.push(t('customer.events.visit_plannedAt', { time: formatDateTime(num(d.plannedAt)) }));
        break;
      case 'visit_approved':
      case 'visit_rejected':
        if (str(d.comment)) details.push(t('customer.events.comment', { comment: str(d.comment) }));
        break;
      case 'visit_done':
        title = num(d.visitNo) !== null ? t('customer.events.visit_done', { n: num(d.visitNo) }) : t('customer.events.visit_done_plain');
        break;
      case 'minutes_status': {
        const ms = (v: unknown) => t(`visits.minutesStatus.${str(v)}`, { defaultValue: str(v) || '—' });
        title = str(d.from) ? t('customer.events.minutes_status', { from: ms(d.from), to: ms(d.to) }) : t('customer.events.minutes_created');
        break;
      }
      case 'survey_recorded':
        title = t('customer.events.survey_recorded', { average: num(d.average)?.toFixed(1) ?? '—' });
        break;
      // Amounts of orders and payments are recorded in fen (分).
      case 'order_added':
      case 'order_updated':
      case 'order_removed':
        title = t(`customer.events.${e.kind}`, { contractNo: str(d.contractNo) });
        if (num(d.amount) !== null) details.push(t('customer.events.amount', { amount: formatMoney(num(d.amount)! / 100) }));
        break;
      case 'payment_received':
        title = t('customer.events.payment_received', { amount: num(d.amount) === null ? '—' : formatMoney(num(d.amount)! / 100) });
        if (str(d.contractNo)) details.push(t('customer.events.contractNo', { contractNo: str(d.contractNo) }));
        break;
      case 'grade_changed': {
        const grade = (v: unknown) => str(v) || t('customer.events.noGrade');
        title = t('customer.events.grade_changed', { from: grade(d.from), to: grade(d.to) });
        if (str(d.period)) details.push(t('customer.events.period', { period: str(d.period) }));
        break;
      }
      default:
        break;
    }
    // Visits and minutes carry their form number (走访单号 / 纪要编号).
    if (e.kind.startsWith('visit_') || e.kind === 'minutes_status') {
      if (str(d.formNo)) details.push(t('customer.events.formNo', { formNo: str(d.formNo) }));
    }
    return { title, details, winBack: e.kind === 'status_changed' && d.winBack === true };
  };
};

/** The customer's recorded life: creation, assignments, status changes, edits, contacts, merges. */
export const TimelinePanel = ({ events }: { events: CustomerEvent[] }) => {
  const { t } = useTranslation();
  const text = useEventText();
  if (events.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text c="dimmed" size="sm">
          {t('customerCard.timeline.empty')}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md">
      <Timeline bulletSize={22} lineWidth={2} active={events.length - 1} data-testid="timeline">
        {events.map((e) => {
          const { title, details, winBack } = text(e);
          return (
            <Timeline.Item
              key={e.id}
              bullet={(icons[e.kind] ?? <IconHistory size={12} />)}
              color={colors[e.kind] ?? 'blue'}
              data-testid={`event-${e.kind}`}
              title={
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {title}
                  </Text>
                  {winBack && (
                    <Badge size="xs" color="green" tt="none">
                      {t('customer.events.winBack')}
                    </Badge>
                  )}
                </Group>
              }
            >
              {details.map((line, i) => (
                <Text key={i} size="xs" c="dark.4">
                  {line}
                </Text>
              ))}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(e.at)} · {e.actor?.displayName || t('customerCard.timeline.system')}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Paper>
  );
};
