import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useCreateBackup = () => useChannelMutation('backup.create');
export const useCreateTag = () => useChannelMutation('tags.create');
export const useCreateUser = () => useChannelMutation('users.create');
export const useDeactivateUser = () => useChannelMutation('users.deactivate');
export const useDeleteTag = () => useChannelMutation('tags.delete');
export const useRekey = () => useChannelMutation('keys.rekey');
export const useRestoreBackup = () => useChannelMutation('backup.restore');
export const useRotateRecoveryKey = () => useChannelMutation('system.rotateRecoveryKey');
export const useSetLogo = () => useChannelMutation('settings.setLogo');
export const useSystemCheck = () => useChannelMutation('system.check');
export const useUpdateBackupSettings = () => useChannelMutation('backup.updateSettings');
export const useUpdateSettings = () => useChannelMutation('settings.update');
export const useUpdateTag = () => useChannelMutation('tags.update');
export const useUpdateUser = () => useChannelMutation('users.update');
/** An administrator's new password for a user: re-activating a deactivated account, or a reset. */
export const useSetUserPassword = (activate: boolean) => useChannelMutation(activate ? 'users.activate' : 'users.resetPassword');
