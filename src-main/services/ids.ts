import { v7 as uuidv7 } from 'uuid';

/** Record ids: UUIDv7, unique across office PCs and roughly time-ordered (good for B-tree inserts). */
export const newId = (): string => uuidv7();
