import { settingTables } from '../../db/tables/settings';
import type { ServiceModule } from '../module';

/** Workspace settings (company details, rules) as key → JSON. */
export const settingsModule: ServiceModule = { name: 'settings', tables: settingTables };
