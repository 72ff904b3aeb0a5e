import { userTables } from '../../db/tables/users';
import type { ServiceModule } from '../module';

/** Accounts, roles and the login history. */
export const usersModule: ServiceModule = { name: 'users', tables: userTables };
