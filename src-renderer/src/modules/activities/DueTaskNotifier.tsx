import { Badge, Button } from '@mantine/core';
import { IconBell, IconBellOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call } from '../api/api';

const POLL_MS = 30_000;

type PermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

/** The web Notification API (Electron's renderer has it); absent in some browsers and test setups. */
const permission = (): PermissionState => (typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported');

/**
 * Watches the user's open follow-up tasks while the app is open and shows a
 * desktop notification for each one whose due time passes during this
 * session (tasks already overdue at start are on the dashboard instead, so
 * opening the app does not fire a burst of notifications). Does nothing until
 * the user has allowed notifications (NotificationSwitch asks, on a click).
 * Clicking a notification opens the task's customer.
 */
export const DueTaskNotifier = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const since = useRef(0);
  const shown = useRef(new Set<string>());
  useEffect(() => {
    let stopped = false;
    since.current = Date.now();
    const tick = async () => {
      const now = Date.now();
      const from = since.current;
      since.current = now;
      if (permission() !== 'granted') return;
      try {
        const due = await call('activities.listTasks', { scope: 'mine', status: 'open', dueBefore: now + 1, limit: 500 });
        if (stopped) return;
        const fresh = due.filter((task) => task.dueAt > from && !shown.current.has(task.id));
        for (const task of fresh) {
          shown.current.add(task.id);
          const n = new Notification(t('activities.notify.title'), { body: t('activities.notify.body', { customer: task.customerName, title: task.title }), tag: task.id });
          n.onclick = () => {
            window.focus();
            void navigate(`/customers/${task.customerId}?tab=tasks`);
          };
        }
        if (fresh.length) await client.invalidateQueries({ queryKey: ['activities.dashboard'] });
      } catch {
        // Locked or logged out meanwhile: the next tick tries again.
      }
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [t, navigate, client]);
  return null;
};

/**
 * 开启到期提醒: asks for the notification permission only when the user
 * clicks, and shows the state. `offerOnly`: show nothing unless there is
 * something to ask (the dashboard), rather than the state.
 */
export const NotificationSwitch = ({ offerOnly = false }: { offerOnly?: boolean }) => {
  const { t } = useTranslation();
  const [state, setState] = useState<PermissionState>(permission);
  if (offerOnly && state !== 'default') return null;
  if (state === 'unsupported') {
    return (
      <Badge variant="light" color="gray" leftSection={<IconBellOff size={12} />}>
        {t('activities.notify.unsupported')}
      </Badge>
    );
  }
  if (state === 'granted') {
    return (
      <Badge variant="light" color="green" leftSection={<IconBell size={12} />} data-testid="notify-on">
        {t('activities.notify.enabled')}
      </Badge>
    );
  }
  if (state === 'denied') {
    return (
      <Badge variant="light" color="orange" leftSection={<IconBellOff size={12} />}>
        {t('activities.notify.denied')}
      </Badge>
    );
  }
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconBell size={14} />}
      data-testid="notify-enable"
      onClick={() => {
        void Notification.requestPermission()
          .then((p) => setState(p))
          .catch(() => setState(permission()));
      }}
    >
      {t('activities.notify.enable')}
    </Button>
  );
};
