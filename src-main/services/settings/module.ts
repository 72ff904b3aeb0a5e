import { settingTables } from '../../db/tables/settings';
import type { ServiceModule } from '../module';
import { settingHandlers } from './handlers';

/** Workspace settings (company details, rules) as key → JSON. */
export const settingsModule: ServiceModule = { name: 'settings', handlers: settingHandlers, tables: settingTables };
