import { IconFileImport } from '@tabler/icons-react';
import { Route } from 'react-router';
import type { RendererModule } from '../shell/extensions';
import { ImportPage } from './ImportPage';

/** Lead import (managers and admins): the wizard, the batches and their undo, exports. */
export const importModule: RendererModule = {
  name: 'import',
  routes: (session) => [<Route key="import" path="/import" element={<ImportPage session={session} />} />],
  nav: [{ key: 'import', path: '/import', label: 'nav.import', icon: IconFileImport, order: 80, can: 'importLeads' }],
};
