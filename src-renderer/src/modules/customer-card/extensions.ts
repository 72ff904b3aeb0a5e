import type { ComponentType } from 'react';
import type { CustomerCan, CustomerCard } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';

export type CardProps = { card: CustomerCard; session: SessionInfo };

/**
 * How a capability adds to the customer card without editing it: tabs (after
 * the core ones), a summary strip under the header (e.g. 第 N 次拜访, purchase
 * totals), and buttons next to the card's actions. Each component fetches its
 * own data through its own channels, and shows what the viewer may do from the
 * card's `can` flags (the main process's policy), never from a role. A tab with
 * `can` shows only when the card grants that action.
 */
export type CardExtension = {
  tabs?: { value: string; label: ComponentType<CardProps>; panel: ComponentType<CardProps>; can?: keyof CustomerCan }[];
  summary?: ComponentType<CardProps>[];
  actions?: ComponentType<CardProps>[];
};
