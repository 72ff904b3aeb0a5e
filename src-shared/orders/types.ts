import type { CustomerGrade, CustomerStatus } from '../customers/enums';
import type { AgeingBucket } from './logic';

export type { OrderRules, AgeingBucket } from './logic';

type UserRef = { id: string; displayName: string };

export type OrderLine = { id: string; lineNo: number; product: string; quantity: number; unitPrice: number; amount: number };

export type Payment = { id: string; orderId: string; paidOn: string; amount: number; notes: string | null; createdBy: UserRef | null };

/** Money in fen, dates 'YYYY-MM-DD'. */
export type Order = {
  id: string;
  customerId: string;
  customerName: string;
  /** The customer's owner now (sales may write only for their own customers). */
  customerOwnerId: string | null;
  orderDate: string;
  contractNo: string;
  salesperson: UserRef | null;
  amount: number;
  received: number;
  /** amount − received. */
  outstanding: number;
  dueDate: string;
  /** Days past due while something is outstanding, else 0. */
  overdueDays: number;
  notes: string | null;
  lines: OrderLine[];
  payments: Payment[];
  createdAt: number;
  updatedAt: number;
  can: OrderCan;
};

/** A row of the order list: the order without its payments, the lines folded into one text. */
export type OrderListRow = Omit<Order, 'lines' | 'payments'> & { products: string; lineCount: number };

/**
 * What the viewer may do with an order now (src-main/services/policy): writing needs the customer live and
 * the viewer its owner or a manager; changing or removing the sale itself also needs it to be the viewer's
 * own sale (or nobody's) unless they are a manager; a payment only while something is outstanding.
 */
export type OrderCan = { edit: boolean; delete: boolean; addPayment: boolean; removePayment: boolean };

export type OrderPage = { rows: OrderListRow[]; total: number; sumAmount: number; sumReceived: number };

export type ReceivableRow = {
  orderId: string;
  customerId: string;
  customerName: string;
  owner: UserRef | null;
  orderDate: string;
  contractNo: string;
  amount: number;
  received: number;
  outstanding: number;
  dueDate: string;
  overdueDays: number;
  bucket: AgeingBucket;
};

export type AgeingSummary = { bucket: AgeingBucket; count: number; outstanding: number }[];

export type ReceivablePage = { rows: ReceivableRow[]; total: number; ageing: AgeingSummary };

/** The strip on the customer card. */
export type CustomerSalesSummary = {
  customerId: string;
  orderCount: number;
  totalAmount: number;
  receivedAmount: number;
  receivable: number;
  overdueAmount: number;
  firstOrderOn: string | null;
  lastOrderOn: string | null;
  intervalDays: number | null;
  churnRisk: boolean;
  /** The rule's factor (for the explanation next to the flag). */
  churnFactor: number;
  grade: CustomerGrade | null;
  status: CustomerStatus;
  periodAmount: number;
  period: { start: string; end: string };
};

export type GradeHistoryRow = { grade: CustomerGrade | null; fromGrade: CustomerGrade | null; at: number; periodStart: string; periodEnd: string; periodAmount: number; share: number };
