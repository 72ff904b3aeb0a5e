/// <reference types="vite/client" />
import type { Result } from '@shared/errors';

declare global {
  // A global augmentation has to be an interface: a type alias cannot merge into Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Provided by the Electron preload, or by the test bridge's script in a browser. */
    api: { invoke(channel: string, input: unknown): Promise<Result<unknown>> };
  }
}
