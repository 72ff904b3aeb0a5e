import type { CardExtension } from './extensions';
import { activityCard } from '../activities/card';
import { visitCard } from '../visits/card';
import { orderCard } from '../orders/card';
import { reportCard } from '../reports/card';
import { exchangeCard } from '../exchange/card';
import { printCard } from '../print/card';

/** Every capability's additions to the customer card, in navigation order. */
export const cardExtensions: CardExtension[] = [activityCard, visitCard, orderCard, reportCard, exchangeCard, printCard];
