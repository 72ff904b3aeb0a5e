import type { CardExtension, CardProps } from '../customer-card/extensions';
import { PrintButton } from './PrintButton';

const PrintCustomerCard = ({ card }: CardProps) => <PrintButton form="customerCard" id={card.customer.id} />;

/** 打印档案卡 next to the customer card's actions. */
export const printCard: CardExtension = { actions: [PrintCustomerCard] };
