/// <reference types="vite/client" />
import type { Delivered } from '@shared/tables';

declare global {
  // A global augmentation has to be an interface: a type alias cannot merge into Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Provided by the Electron preload, or by the test bridge's script in a browser. */
    api: {
      /** A contract call; `changed`: the tables its own writes changed. */
      invoke(channel: string, input: unknown): Promise<Delivered<unknown>>;
      /** Hears the change notices (the tables each committed write changed, anyone's) until the returned function is called. */
      onChange(listener: (tables: string[]) => void): () => void;
    };
  }
}
