import { IconHome } from '@tabler/icons-react';
import { Route } from 'react-router';
import type { RendererModule } from '../shell/extensions';
import { HomePage } from './HomePage';

/** 首页: the dashboard of every module's cards. */
export const homeModule: RendererModule = {
  name: 'home',
  routes: (session) => [<Route key="home" path="/" element={<HomePage session={session} />} />],
  nav: [{ key: 'home', path: '/', label: 'nav.home', icon: IconHome, order: 0 }],
};
