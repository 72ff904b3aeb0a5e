import type { CardExtension } from '../customer-card/extensions';
import {
  ActivitiesPanel,
  ActivitiesTabLabel,
  LogContactAction,
  OpenComplaintsSummary,
  SurveysPanel,
  SurveysTabLabel,
  TasksPanel,
  TasksTabLabel,
} from './CardPanels';

/** This capability's additions to the customer card (tabs, summary strip, action buttons). */
export const activityCard: CardExtension = {
  tabs: [
    { value: 'activities', label: ActivitiesTabLabel, panel: ActivitiesPanel },
    { value: 'tasks', label: TasksTabLabel, panel: TasksPanel },
    { value: 'surveys', label: SurveysTabLabel, panel: SurveysPanel },
  ],
  summary: [OpenComplaintsSummary],
  actions: [LogContactAction],
};
