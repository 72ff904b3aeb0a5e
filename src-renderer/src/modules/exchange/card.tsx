import type { CardExtension } from '../customer-card/extensions';

/** This capability's additions to the customer card (tabs, summary strip, action buttons). */
export const exchangeCard: CardExtension = {};
