import type { activityChannels } from '../../../src-shared/contract/activities';
import { localDate } from '../../../src-shared/dates';
import { translator } from '../../i18n';
import { createActivity, deleteActivity, getActivity, listActivities, transitionComplaint, updateActivity } from '../activities/activities';
import { activitiesDashboard } from '../activities/dashboard';
import { exportGreetings, greetingSettings, listGreetings, updateGreetingSettings } from '../activities/greetings';
import { createSurvey, listSurveys } from '../activities/surveys';
import { completeTask, createTask, listTasks, snoozeTask } from '../activities/tasks';
import type { ModuleContext, ModuleHandlers } from '../module';

/** Handlers for src-shared/contract/activities.ts. */
export const activityHandlers = (ctx: ModuleContext): ModuleHandlers<typeof activityChannels> => ({
  'activities.create': (input, { user }) => createActivity(ctx.db(), user, input),
  'activities.get': (input, { user }) => getActivity(ctx.read(), user, input.id),
  'activities.list': (input, { user }) => listActivities(ctx.read(), user, input),
  'activities.update': (input, { user }) => updateActivity(ctx.db(), user, input),
  'activities.delete': (input, { user }) => {
    deleteActivity(ctx.db(), user, input.id);
    return null;
  },
  'activities.transitionComplaint': (input, { user }) => transitionComplaint(ctx.db(), user, input),
  'activities.createTask': (input, { user }) => createTask(ctx.db(), user, input),
  'activities.listTasks': (input, { user }) => listTasks(ctx.read(), user, input),
  'activities.completeTask': (input, { user }) => completeTask(ctx.db(), user, input.id),
  'activities.snoozeTask': (input, { user }) => snoozeTask(ctx.db(), user, input),
  'activities.createSurvey': (input, { user }) => createSurvey(ctx.db(), user, input),
  'activities.listSurveys': (input, { user }) => listSurveys(ctx.read(), user, input.customerId),
  'activities.greetings': (input, { user }) => listGreetings(ctx.read(), user, input),
  'activities.exportGreetings': async (input, { user, session }) => {
    const db = ctx.read();
    const t = translator(session.locale);
    const out = await ctx.tempFile('greetings.xlsx', (file) => exportGreetings(db, user, input, file, t));
    return { fileName: `${t('activities.greetings.title')}-${input.today ?? localDate(db.clock.now())}.xlsx`, ...out };
  },
  'activities.greetingSettings': () => greetingSettings(ctx.read()),
  'activities.updateGreetingSettings': (input, { user }) => updateGreetingSettings(ctx.db(), user, input),
  'activities.dashboard': (input, { user }) => activitiesDashboard(ctx.read(), user, input),
});
