import type { ComponentType } from 'react';
import type { CustomerCard } from '@shared/customers/types';
import type { SessionInfo } from '@shared/types';

export type CardProps = { card: CustomerCard; session: SessionInfo };

/**
 * How a capability adds to the customer card without editing it: tabs (after
 * the core ones), a summary strip under the header (e.g. 第 N 次拜访, purchase
 * totals), and buttons next to the card's actions. Each component fetches its
 * own data through its own channels.
 */
export type CardExtension = {
  tabs?: { value: string; label: ComponentType<CardProps>; panel: ComponentType<CardProps>; roles?: SessionInfo['user']['role'][] }[];
  summary?: ComponentType<CardProps>[];
  actions?: ComponentType<CardProps>[];
};
