import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { customerStatuses, customerTiers, isLostStatus, type CustomerStatus, type CustomerTier } from '@shared/customers/enums';
import { setStatusSchema } from '@shared/customers/schemas';
import type { Tag } from '@shared/customers/types';
import { sells } from '@shared/roles';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useBulkAction, type BulkChannel, type BulkRequest } from './useBulkAction';
import type { DirectoryUser } from './useDirectory';

export type BulkKind = 'assign' | 'balance' | 'claim' | 'release' | 'tag' | 'status' | 'tier' | 'delete';

const POOL = '__pool__';

type FormProps = {
  ids: string[];
  users: DirectoryUser[];
  tags: Tag[];
  submit: <K extends BulkChannel>(req: Omit<BulkRequest<K>, 'ids'>) => void;
  pending: boolean;
  onCancel: () => void;
};

const Buttons = ({ pending, onCancel, label, color }: { pending: boolean; onCancel: () => void; label: string; color?: string }) => {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={color}>
        {label}
      </Button>
    </Group>
  );
};

const Form = ({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) => (
  <form
    onSubmit={(e: FormEvent) => {
      e.preventDefault();
      onSubmit();
    }}
  >
    <Stack gap="sm">{children}</Stack>
  </form>
);

const userLabel = (u: DirectoryUser, t: TFunction): string =>
  t('customerList.bulk.userWithRole', { name: u.displayName, role: t(`roles.${u.role}`) });

const ReasonField = ({ value, onChange }: { value: string; onChange: (v: string) => void }) => {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('customerList.bulk.reason')}
      placeholder={t('customerList.bulk.reasonPlaceholder')}
      maxLength={200}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
};

const AssignForm = ({ users, submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const data = [
    { value: POOL, label: t('customerList.bulk.assignToPool') },
    ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: userLabel(u, t) })),
  ];
  return (
    <Form
      onSubmit={() => {
        if (!owner) return setError(t('validation.required'));
        submit({ channel: 'customers.assign', input: { ownerId: owner === POOL ? null : owner, reason } });
      }}
    >
      <Select
        label={t('customerList.bulk.assignTo')}
        data={data}
        value={owner}
        onChange={(v) => {
          setOwner(v);
          setError(null);
        }}
        error={error}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <ReasonField value={reason} onChange={setReason} />
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.assign')} />
    </Form>
  );
};

const BalanceForm = ({ users, submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const data = users.filter((u) => u.active && sells(u.role)).map((u) => ({ value: u.id, label: userLabel(u, t) }));
  return (
    <Form
      onSubmit={() => {
        if (chosen.length === 0) return setError(t('validation.required'));
        submit({ channel: 'customers.balance', input: { userIds: chosen, reason } });
      }}
    >
      <MultiSelect
        label={t('customerList.bulk.balanceUsers')}
        data={data}
        value={chosen}
        onChange={(v) => {
          setChosen(v);
          setError(null);
        }}
        error={error}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <Text size="sm" c="dimmed">
        {t('customerList.bulk.balanceHint')}
      </Text>
      <ReasonField value={reason} onChange={setReason} />
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.balance')} />
    </Form>
  );
};

const ClaimForm = ({ submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  return (
    <Form onSubmit={() => submit({ channel: 'customers.claim', input: {} })}>
      <Text size="sm">{t('customerList.bulk.claimText')}</Text>
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.claim')} />
    </Form>
  );
};

const ReleaseForm = ({ submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Form onSubmit={() => submit({ channel: 'customers.release', input: { reason } })}>
      <Text size="sm">{t('customerList.bulk.releaseText')}</Text>
      <ReasonField value={reason} onChange={setReason} />
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.release')} />
    </Form>
  );
};

const TagForm = ({ tags, submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const data = tags.map((tag) => ({ value: tag.id, label: tag.name }));
  if (tags.length === 0) return <Alert color="gray">{t('customerList.bulk.noTags')}</Alert>;
  return (
    <Form
      onSubmit={() => {
        if (add.length === 0 && remove.length === 0) return setError(t('customerList.bulk.tagNone'));
        submit({ channel: 'customers.bulkTag', input: { add, remove } });
      }}
    >
      <MultiSelect
        label={t('customerList.bulk.tagAdd')}
        data={data.filter((d) => !remove.includes(d.value))}
        value={add}
        onChange={(v) => {
          setAdd(v);
          setError(null);
        }}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('customerList.bulk.tagRemove')}
        data={data.filter((d) => !add.includes(d.value))}
        value={remove}
        onChange={(v) => {
          setRemove(v);
          setError(null);
        }}
        error={error}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.submit')} />
    </Form>
  );
};

const StatusForm = ({ ids, submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CustomerStatus | null>(null);
  const [lostReason, setLostReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Form
      onSubmit={() => {
        if (!status) return setErrors({ status: t('validation.required') });
        // The same schema the main process applies: a lost status needs its reason.
        const parsed = setStatusSchema.safeParse({ ids, status, lostReason: isLostStatus(status) ? lostReason : undefined });
        if (!parsed.success) {
          return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(i.message, { defaultValue: i.message })])));
        }
        submit({
          channel: 'customers.setStatus',
          input: { status, ...(isLostStatus(status) ? { lostReason: lostReason.trim() } : {}) },
        });
      }}
    >
      <Select
        label={t('customerList.bulk.statusNew')}
        data={customerStatuses.map((s) => ({ value: s, label: t(`customer.status.${s}`) }))}
        value={status}
        onChange={(v) => {
          setStatus(v as CustomerStatus | null);
          setErrors({});
        }}
        error={errors.status}
        comboboxProps={{ withinPortal: true }}
      />
      {status && isLostStatus(status) && (
        <TextInput
          label={t('customerList.bulk.lostReason')}
          withAsterisk
          maxLength={200}
          value={lostReason}
          onChange={(e) => setLostReason(e.currentTarget.value)}
          error={errors.lostReason}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('customerList.bulk.lostHint')}
      </Text>
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.status')} />
    </Form>
  );
};

const TierForm = ({ submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  const NONE = '__none__';
  const [tier, setTier] = useState<string>(NONE);
  const [vip, setVip] = useState<number | string>('');
  return (
    <Form
      onSubmit={() =>
        submit({
          channel: 'customers.setTier',
          input: { tier: tier === NONE ? null : (tier as CustomerTier), vipLevel: typeof vip === 'number' ? vip : null },
        })
      }
    >
      <Select
        label={t('customer.fields.tier')}
        data={[{ value: NONE, label: t('customerList.bulk.tierNone') }, ...customerTiers.map((x) => ({ value: x, label: t(`customer.tier.${x}`) }))]}
        value={tier}
        onChange={(v) => setTier(v ?? NONE)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <NumberInput label={t('customerList.bulk.vipLevel')} min={0} max={10} allowDecimal={false} value={vip} onChange={setVip} />
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.tier')} />
    </Form>
  );
};

const DeleteForm = ({ submit, pending, onCancel }: FormProps) => {
  const { t } = useTranslation();
  return (
    <Form onSubmit={() => submit({ channel: 'customers.delete', input: {} })}>
      <Text size="sm">{t('customerList.bulk.deleteText')}</Text>
      <Buttons pending={pending} onCancel={onCancel} label={t('customerList.bulk.delete')} color="red" />
    </Form>
  );
};

const forms: Record<BulkKind, (p: FormProps) => ReactNode> = {
  assign: AssignForm,
  balance: BalanceForm,
  claim: ClaimForm,
  release: ReleaseForm,
  tag: TagForm,
  status: StatusForm,
  tier: TierForm,
  delete: DeleteForm,
};

/** One dialog for every bulk action on the selected customers. */
export const BulkDialog = ({
  kind,
  ids,
  users,
  tags,
  onClose,
  onDone,
}: {
  kind: BulkKind | null;
  ids: string[];
  users: DirectoryUser[];
  tags: Tag[];
  onClose: () => void;
  onDone: () => void;
}) => {
  const { t } = useTranslation();
  const bulk = useBulkAction();
  const close = () => {
    bulk.reset();
    onClose();
  };
  const FormFor = kind ? forms[kind] : null;
  return (
    <Modal opened={kind !== null} onClose={close} title={kind ? t(`customerList.bulk.${kind}Title`, { count: ids.length }) : ''}>
      {FormFor && kind && (
        <Stack gap="sm">
          <FormFor
            key={kind}
            ids={ids}
            users={users}
            tags={tags}
            pending={bulk.isPending}
            onCancel={close}
            submit={(req) =>
              bulk.mutate(
                { ...req, ids, action: t(`customerList.bulk.${kind}`) } as Parameters<typeof bulk.mutate>[0],
                {
                  onSuccess: () => {
                    bulk.reset();
                    onDone();
                  },
                },
              )
            }
          />
          <ErrorAlert error={bulk.error} />
        </Stack>
      )}
    </Modal>
  );
};
