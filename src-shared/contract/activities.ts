import { z } from 'zod';
import {
  activityCreateChannelSchema,
  activityListSchema,
  activityUpdateSchema,
  complaintTransitionSchema,
  dashboardSchema,
  greetingSettingsSchema,
  greetingsListSchema,
  surveyInputSchema,
  taskCreateChannelSchema,
  taskListSchema,
  taskSnoozeSchema,
} from '../activities/schemas';
import type { ActivitiesDashboard, Activity, FollowUpTask, GreetingList, Survey } from '../activities/types';
import type { ExportedFile } from '../customers/types';
import { idSchema } from '../schemas';
import { byId, channel, manager } from './channel';

// Channels of this capability, merged into the one contract (src-shared/contract.ts).
// Ownership (sales write only for their own customers) is checked in the services.
export const activityChannels = {
  'activities.create': channel<Activity>()({ input: activityCreateChannelSchema, access: 'user' }),
  'activities.get': channel<Activity>()({ input: byId, access: 'user', reads: ['activities', 'customers', 'contacts', 'users'] }),
  'activities.list': channel<{ rows: Activity[]; total: number }>()({ input: activityListSchema, access: 'user', reads: ['activities', 'customers', 'contacts', 'users'] }),
  'activities.update': channel<Activity>()({ input: activityUpdateSchema, access: 'user' }),
  'activities.delete': channel<null>()({ input: byId, access: 'user' }),
  'activities.transitionComplaint': channel<Activity>()({ input: complaintTransitionSchema, access: 'user' }),
  'activities.createTask': channel<FollowUpTask>()({ input: taskCreateChannelSchema, access: 'user' }),
  'activities.listTasks': channel<FollowUpTask[]>()({ input: taskListSchema, access: 'user', reads: ['follow_up_tasks', 'customers', 'users'] }),
  'activities.completeTask': channel<FollowUpTask>()({ input: byId, access: 'user' }),
  'activities.snoozeTask': channel<FollowUpTask>()({ input: taskSnoozeSchema, access: 'user' }),
  'activities.createSurvey': channel<Survey>()({ input: surveyInputSchema, access: 'user' }),
  'activities.listSurveys': channel<Survey[]>()({ input: z.object({ customerId: idSchema }), access: 'user', reads: ['satisfaction_surveys', 'customers', 'users'] }),
  'activities.greetings': channel<GreetingList>()({ input: greetingsListSchema, access: 'user', reads: ['customers', 'contacts', 'settings', 'users'] }),
  'activities.exportGreetings': channel<ExportedFile>()({ input: greetingsListSchema, access: 'user' }),
  'activities.greetingSettings': channel<{ days: number }>()({ input: z.object({}), access: 'user', reads: ['settings'] }),
  'activities.updateGreetingSettings': channel<{ days: number }>()({ input: greetingSettingsSchema, access: manager }),
  'activities.dashboard': channel<ActivitiesDashboard>()({ input: dashboardSchema, access: 'user', reads: ['activities', 'follow_up_tasks', 'customers', 'contacts', 'settings', 'users'] }),
} as const;
