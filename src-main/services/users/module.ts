import { userTables } from '../../db/tables/users';
import type { ServiceModule } from '../module';
import { userHandlers } from './handlers';

/** Accounts, roles and the login history. */
export const usersModule: ServiceModule = { name: 'users', handlers: userHandlers, tables: userTables };
