import { ActionIcon, Combobox, Group, Loader, ScrollArea, Text, TextInput, Tooltip, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys, useOs } from '@mantine/hooks';
import { IconBuilding, IconLock, IconMessagePlus, IconSearch, IconUser } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';
import { LogContactDialog } from '../activities/LogContactDialog';
import { useChannelQuery } from '../api/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import classes from './GlobalSearch.module.css';

/** Another salesperson's customer is found (so nobody records it twice) but cannot be opened. */
const openable = (hit: SearchHit): boolean => hit.canOpen;

const HitRow = ({ hit, action }: { hit: SearchHit; action?: ReactNode }) => {
  const { t } = useTranslation();
  const open = openable(hit);
  const Icon = hit.kind === 'contact' ? IconUser : IconBuilding;
  const owner = hit.owner?.displayName;
  return (
    <Group gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        {open ? <Icon size={16} color="var(--mantine-color-blue-6)" /> : <IconLock size={16} color="var(--mantine-color-dimmed)" />}
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate c={open ? undefined : 'dimmed'}>
            {hit.title}
          </Text>
          {hit.subtitle && (
            <Text size="xs" c="dimmed" truncate>
              {hit.subtitle}
            </Text>
          )}
        </div>
      </Group>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        <Text size="xs" c="dimmed">
          {t(`customerCard.search.matchedOn.${hit.matchedOn}`, { defaultValue: '' })}
        </Text>
        <Text size="xs" c={open ? 'dark.5' : 'orange.8'} data-testid="search-hit-owner">
          {open
            ? owner
              ? t('customerCard.search.owner', { owner })
              : t('customerCard.search.pool')
            : t('customerCard.search.ownedBy', { owner: owner ?? '' })}
        </Text>
        <StatusBadge status={hit.status} />
        {action}
      </Group>
    </Group>
  );
};

/**
 * The header's search box: customers and contacts by name, pinyin (full or
 * initials), phone, credit code or address, as you type. Ctrl/Cmd+K focuses it;
 * arrows and Enter choose a hit.
 */
export const GlobalSearch = (_props: { session: SessionInfo }) => {
  const { t } = useTranslation();
  // 记录联系 straight from a hit the user may write for (their own customer; managers any): the hit's canLogContact.
  const [logging, setLogging] = useState<{ customer: { id: string; name: string }; contactId: string | null } | null>(null);
  const logAction = (hit: SearchHit): ReactNode =>
    hit.canLogContact ? (
      <Tooltip label={t('activities.log.fromSearch')} withinPortal>
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={t('activities.log.fromSearch')}
          data-testid="search-log-contact"
          // Not a click on the option itself: keep the box focused and the option from opening the card.
          onMouseDown={(e) => {
            e.preventDefault();
            e.stopPropagation();
          }}
          onClick={(e) => {
            e.stopPropagation();
            combobox.closeDropdown();
            setQ('');
            const name = hit.kind === 'customer' ? hit.title : (hit.subtitle.split(' · ')[0] ?? '');
            setLogging({ customer: { id: hit.customerId, name }, contactId: hit.contactId });
          }}
        >
          <IconMessagePlus size={14} />
        </ActionIcon>
      </Tooltip>
    ) : null;
  const navigate = useNavigate();
  const os = useOs();
  const shortcut = os === 'macos' ? '⌘K' : 'Ctrl+K';
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const search = useChannelQuery(
    'search.query',
    { q: debounced, limit: 20 },
    { enabled: debounced.length > 0, placeholderData: keepPreviousData },
  );
  const hits = debounced ? (search.data ?? []) : [];

  useHotkeys(
    [
      [
        'mod+K',
        () => {
          input.current?.focus();
          input.current?.select();
          if (q.trim()) combobox.openDropdown();
        },
      ],
    ],
    [],
  );

  // New results: the first one that can be opened is preselected, so Enter opens it.
  useEffect(() => {
    if (search.data?.length) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.data]);

  const choose = (value: string) => {
    const hit = hits[Number(value)];
    if (!hit || !openable(hit)) return;
    combobox.closeDropdown();
    setQ('');
    input.current?.blur();
    void navigate(`/customers/${hit.customerId}`);
  };

  const status = !debounced ? null : search.isError ? 'unavailable' : search.isPending ? 'searching' : hits.length === 0 ? 'empty' : null;

  return (
    <>
      <LogContactDialog opened={logging !== null} onClose={() => setLogging(null)} customer={logging?.customer ?? null} contactId={logging?.contactId ?? null} />
      <Combobox store={combobox} onOptionSubmit={choose} width={560} position="bottom-start" withinPortal>
        <Combobox.Target>
          <TextInput
            ref={input}
            w={380}
            size="xs"
            aria-label={t('customerCard.search.label')}
            placeholder={t('customerCard.search.placeholder', { shortcut })}
            leftSection={<IconSearch size={14} />}
            rightSection={search.isFetching && debounced ? <Loader size={12} /> : null}
            rightSectionPointerEvents="none"
            value={q}
            data-testid="global-search"
            onChange={(e) => {
              setQ(e.currentTarget.value);
              if (e.currentTarget.value.trim()) combobox.openDropdown();
              else combobox.closeDropdown();
            }}
            onFocus={() => q.trim() && combobox.openDropdown()}
            onClick={() => q.trim() && combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setQ('');
                combobox.closeDropdown();
              }
            }}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!debounced} data-testid="search-results">
          <Combobox.Options>
            <ScrollArea.Autosize mah={420} type="scroll">
              {status && (
                <Combobox.Empty>
                  {status === 'unavailable'
                    ? t('customerCard.search.unavailable')
                    : status === 'searching'
                      ? t('customerCard.search.searching')
                      : t('customerCard.search.empty')}
                </Combobox.Empty>
              )}
              {hits.map((hit, i) => (
                <Combobox.Option
                  key={`${hit.kind}-${hit.contactId ?? hit.customerId}`}
                  value={String(i)}
                  className={classes.option}
                  disabled={!openable(hit)}
                  data-testid="search-hit"
                  data-openable={openable(hit)}
                >
                  <HitRow hit={hit} action={logAction(hit)} />
                </Combobox.Option>
              ))}
            </ScrollArea.Autosize>
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
    </>
  );
};
