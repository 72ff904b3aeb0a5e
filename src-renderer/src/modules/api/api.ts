import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { AppErrorData } from '@shared/errors';
import type { Delivered } from '@shared/tables';

/** An error result from the main process, thrown inside the renderer so hooks and forms can catch it. */
export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** Calls a channel; the result, with the tables the call's own writes changed (`changed`). */
export const invoke = async <K extends Channel>(channel: K, input: ChannelInput<K>): Promise<Delivered<ChannelOutput<K>>> =>
  (await window.api.invoke(channel, input)) as Delivered<ChannelOutput<K>>;

/** Calls a channel; resolves with its value or rejects with an ApiError. */
export const call = async <K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => {
  const result = await invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
};
