import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useCompleteTask = () => useChannelMutation('activities.completeTask');
export const useCreateSurvey = () => useChannelMutation('activities.createSurvey');
export const useCreateTask = () => useChannelMutation('activities.createTask');
export const useDeleteActivity = () => useChannelMutation('activities.delete');
export const useExportGreetings = () => useChannelMutation('activities.exportGreetings');
export const useLogContact = () => useChannelMutation('activities.create');
export const useSnoozeTask = () => useChannelMutation('activities.snoozeTask');
export const useTransitionComplaint = () => useChannelMutation('activities.transitionComplaint');
export const useUpdateActivity = () => useChannelMutation('activities.update');
export const useUpdateGreetingSettings = () => useChannelMutation('activities.updateGreetingSettings');
