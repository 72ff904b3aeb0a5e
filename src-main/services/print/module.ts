import type { ServiceModule } from '../module';
import { printHandlers } from './handlers';

/** Printed visit sheets, minutes and reports (A4, page N of M). */
export const printModule: ServiceModule = { name: 'print', handlers: printHandlers };
