import { activityModule } from './activities/routes';
import { customerModule } from './customer-list/routes';
import { exchangeModule } from './exchange/routes';
import { homeModule } from './home/routes';
import { importModule } from './importer/routes';
import { orderModule } from './orders/routes';
import { reportModule } from './reports/routes';
import { settingsModule } from './settings/routes';
import type { RendererModule } from './shell/extensions';
import { visitModule } from './visits/routes';

/** Every domain's screens, listed once: the routes, the navigation, the dashboard and 设置 come from here. */
export const rendererModules: RendererModule[] = [
  homeModule,
  customerModule,
  activityModule,
  visitModule,
  orderModule,
  reportModule,
  importModule,
  exchangeModule,
  settingsModule,
];
