import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MinutesStatus, VisitStatus } from '@shared/visits/enums';
import { doneColor } from '../ui/customerColors';

const visitColor: Record<VisitStatus, string> = {
  draft: 'gray',
  submitted: 'orange',
  approved: 'blue',
  rejected: 'red',
  done: 'green',
  cancelled: doneColor,
};

const minutesColor: Record<MinutesStatus, string> = {
  draft: 'gray',
  submitted: 'orange',
  returned: 'red',
  approved: 'blue',
  sent: 'cyan',
  confirmed: 'green',
};

export const VisitStatusBadge = ({ status }: { status: VisitStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={visitColor[status]} tt="none" data-testid="visit-status">
      {t(`visits.status.${status}`)}
    </Badge>
  );
};

export const MinutesStatusBadge = ({ status }: { status: MinutesStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={minutesColor[status]} tt="none" data-testid="minutes-status">
      {t(`visits.minutesStatus.${status}`)}
    </Badge>
  );
};
