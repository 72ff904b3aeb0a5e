import type { ActivitiesDashboard } from '../../../src-shared/activities/types';
import { endOfLocalDay, localDate, startOfLocalDay } from '../../../src-shared/dates';
import type { ReadDb } from '../../db/connection';
import { seesEverything, type Viewer } from '../policy/policy';
import { overdueFirstContacts } from '../customers/ownership';
import { listGreetings } from './greetings';
import { myDueTasks } from './tasks';

/**
 * The activities cards on 首页: the viewer's open tasks due today or
 * earlier, overdue first contacts (managers: everyone's; sales: their own),
 * and the upcoming greetings.
 */
export const activitiesDashboard = (db: ReadDb, viewer: Viewer, input: { endOfToday?: number | undefined } = {}): ActivitiesDashboard => {
  const now = db.clock.now();
  const end = input.endOfToday ?? endOfLocalDay(now);
  const tasks = myDueTasks(db, viewer, end);
  const startOfToday = startOfLocalDay(end - 1);
  return {
    tasks,
    overdueTaskCount: tasks.filter((t) => t.dueAt < startOfToday).length,
    overdueFirstContacts: overdueFirstContacts(db, seesEverything(viewer) ? undefined : viewer.id).slice(0, 50),
    greetings: listGreetings(db, viewer, { today: localDate(end - 1) }),
  };
};
