import { Alert, Anchor, Center, Group, Loader, Modal, Stack, Tabs } from '@mantine/core';
import { IconAlertCircle, IconArrowsJoin2, IconChevronLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CustomerCard } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { ApiError } from '../api/api';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CardActions } from './CardActions';
import { CardHeader } from './CardHeader';
import { ContactsPanel } from './ContactsPanel';
import { DetailsPanel } from './DetailsPanel';
import { DuplicateList } from './DuplicateList';
import { HistoryPanel } from './HistoryPanel';
import { MergeDialog } from './MergeDialog';
import { MergesPanel } from './MergesPanel';
import { TimelinePanel } from './TimelinePanel';
import { cardExtensions } from './cardExtensions';

const coreTabs = ['details', 'contacts', 'timeline', 'history', 'merges'] as const;
type Tab = string;

const BackLink = () => {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/customers" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
      <IconChevronLeft size={14} />
      {t('customerCard.back')}
    </Anchor>
  );
};

/** Managers see other records that look like the same company, with a way to merge them. */
const DuplicatesNotice = ({ card, onMerge }: { card: CustomerCard; onMerge: (id: string) => void }) => {
  const { t } = useTranslation();
  const c = card.customer;
  const hits = useChannelQuery('customers.checkDuplicates', {
    name: c.name,
    ...(c.creditCode ? { creditCode: c.creditCode } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    excludeId: c.id,
  });
  if (!hits.data?.length) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconArrowsJoin2 size={18} />}
      title={t('customerCard.duplicates.cardTitle', { count: hits.data.length })}
      data-testid="card-duplicates"
    >
      <DuplicateList hits={hits.data} onMerge={(hit) => onMerge(hit.id)} />
    </Alert>
  );
};

const CardView = ({ card, session }: { card: CustomerCard; session: SessionInfo }) => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [merging, setMerging] = useState<{ otherId: string | null } | null>(null);
  // Merging duplicates and the merges tab: whoever may merge this customer (the main process's policy).
  const merges = card.can.merge;
  const extraTabs = cardExtensions.flatMap((x) => x.tabs ?? []).filter((x) => !x.can || card.can[x.can]);
  const summaries = cardExtensions.flatMap((x) => x.summary ?? []);
  const extraActions = cardExtensions.flatMap((x) => x.actions ?? []);
  const known: string[] = [...coreTabs, ...extraTabs.map((x) => x.value)];
  const requested = params.get('tab');
  const tab: Tab = requested && known.includes(requested) && (requested !== 'merges' || merges) ? requested : 'details';
  const c = card.customer;
  return (
    <Stack gap="sm">
      <BackLink />
      <CardHeader
        card={card}
        actions={
          <Group gap="xs" wrap="wrap">
            {extraActions.map((Action, i) => (
              <Action key={i} card={card} session={session} />
            ))}
            <CardActions customer={c} can={card.can} onMerge={() => setMerging({ otherId: null })} />
          </Group>
        }
      />
      {summaries.map((Summary, i) => (
        <Summary key={i} card={card} session={session} />
      ))}
      {merges && <DuplicatesNotice card={card} onMerge={(otherId) => setMerging({ otherId })} />}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'details' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="details">{t('customerCard.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="contacts">{t('customerCard.tabs.contacts', { count: card.contacts.length })}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('customerCard.tabs.timeline')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('customerCard.tabs.history')}</Tabs.Tab>
          {extraTabs.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              <x.label card={card} session={session} />
            </Tabs.Tab>
          ))}
          {merges && <Tabs.Tab value="merges">{t('customerCard.tabs.merges')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="details">
          <DetailsPanel customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts">
          <ContactsPanel customerId={c.id} contacts={card.contacts} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelinePanel events={card.events} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel customer={c} />
        </Tabs.Panel>
        {extraTabs.map((x) => (
          <Tabs.Panel key={x.value} value={x.value}>
            <x.panel card={card} session={session} />
          </Tabs.Panel>
        ))}
        {merges && (
          <Tabs.Panel value="merges">
            <MergesPanel customerId={c.id} />
          </Tabs.Panel>
        )}
      </Tabs>
      <Modal opened={merging !== null} onClose={() => setMerging(null)} title={t('customerCard.merge.title')} size="xl">
        {merging && <MergeDialog customer={c} initialOtherId={merging.otherId} onDone={() => setMerging(null)} />}
      </Modal>
    </Stack>
  );
};

/** 客户档案: one customer with its contacts, timeline, history and merges. */
export const CustomerCardPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const card = useChannelQuery('customers.get', { id });
  if (card.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (card.isError) {
    const code = card.error instanceof ApiError ? card.error.data.code : null;
    return (
      <Stack gap="sm">
        <BackLink />
        {code === 'FORBIDDEN' || code === 'NOT_FOUND' ? (
          <Alert color={code === 'FORBIDDEN' ? 'orange' : 'gray'} variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {code === 'FORBIDDEN' ? t('customerCard.forbidden') : t('customerCard.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={card.error} />
        )}
      </Stack>
    );
  }
  return <CardView key={id} card={card.data} session={session} />;
};
