import { Anchor, Center, Loader, Stack, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SessionInfo } from '@shared/types';
import { useChannelQuery } from '../api/hooks';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CustomerForm } from './CustomerForm';

const EditCustomer = ({ id, session }: { id: string; session: SessionInfo }) => {
  const { t } = useTranslation();
  const card = useChannelQuery('customers.get', { id });
  const [loads, setLoads] = useState(0);
  if (card.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (card.isError) return <ErrorAlert error={card.error} />;
  const customer = card.data.customer;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/customers/${id}`} size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
        <IconChevronLeft size={14} />
        {customer.name}
      </Anchor>
      <Title order={3}>{t('customerCard.form.editTitle', { name: customer.name })}</Title>
      {/* "Reload" after a conflict starts the form over from what is saved now. */}
      <CustomerForm
        key={loads}
        session={session}
        customer={customer}
        onReload={() => void card.refetch().then(() => setLoads((n) => n + 1))}
      />
    </Stack>
  );
};

/** /customers/new and /customers/:id/edit. */
export const CustomerFormPage = ({ session }: { session: SessionInfo }) => {
  const { t } = useTranslation();
  const { id } = useParams();
  if (id) return <EditCustomer key={id} id={id} session={session} />;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/customers" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
        <IconChevronLeft size={14} />
        {t('customerCard.back')}
      </Anchor>
      <Title order={3}>{t('customerCard.form.newTitle')}</Title>
      <CustomerForm session={session} customer={null} onReload={() => undefined} />
    </Stack>
  );
};
