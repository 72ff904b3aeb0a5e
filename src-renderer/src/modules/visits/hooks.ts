import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useApproveMinutes = () => useChannelMutation('minutes.approve');
export const useApproveVisit = () => useChannelMutation('visits.approve');
export const useCancelVisit = () => useChannelMutation('visits.cancel');
export const useConfirmMinutesReceipt = () => useChannelMutation('minutes.confirmReceipt');
export const useCreateMinutes = () => useChannelMutation('minutes.create');
export const useCreateVisit = () => useChannelMutation('visits.create');
export const useExportMinutes = () => useChannelMutation('minutes.export');
export const useExportVisits = () => useChannelMutation('visits.export');
export const useMarkMinutesSent = () => useChannelMutation('minutes.markSent');
export const useMarkNotificationsRead = () => useChannelMutation('visits.markRead');
export const useRecordVisitResult = () => useChannelMutation('visits.recordResult');
export const useRejectVisit = () => useChannelMutation('visits.reject');
export const useReturnMinutes = () => useChannelMutation('minutes.return');
export const useSubmitMinutes = () => useChannelMutation('minutes.submit');
export const useSubmitVisit = () => useChannelMutation('visits.submit');
export const useUpdateMinutes = () => useChannelMutation('minutes.update');
export const useUpdateVisit = () => useChannelMutation('visits.update');
export const useUpdateVisitSettings = () => useChannelMutation('visits.updateSettings');
