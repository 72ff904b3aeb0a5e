import { creditCodeCheckChar } from '../../src-shared/rules/creditCode';
import type { CustomerFieldsInput } from '../../src-shared/customers/schemas';

/** A valid 统一社会信用代码 built from a 17-character body (check digit computed per GB 32100-2015). */
export const creditCode = (body17: string): string => `${body17}${creditCodeCheckChar(body17)!}`;

export const companyFields = (name: string, extra: Partial<CustomerFieldsInput> = {}): CustomerFieldsInput => ({
  name,
  ...extra,
});
