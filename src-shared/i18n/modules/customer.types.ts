import type { customerZhCN } from './customer.zh-CN';
import type { Widen } from '../widen';

export type CustomerMessages = Widen<typeof customerZhCN>;
