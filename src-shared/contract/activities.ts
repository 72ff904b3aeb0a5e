// Channels of this capability, merged into the one contract (src-shared/contract.ts).
// Each entry: '<module>.<verb>': channel<Output>()({ input: zodSchema, access: 'user' | manager | admin }).
export const activityChannels = {} as const;
