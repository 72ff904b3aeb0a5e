import type { Role } from '../../../src-shared/roles';
import type { Db } from '../../db/connection';
import type { Rng } from '../seedDemo';

/**
 * What a capability's demo seeder gets after the customers and contacts are in:
 * the database (it reads the customers it needs), a deterministic random
 * source of its own, the demo clock's now and the demo team.
 */
export type SeedContext = { db: Db; rng: Rng; now: number; actorId: string; users: { id: string; username: string; role: Role }[] };

/** Adds demo records of one capability; returns how many rows it wrote (for the summary line). */
export type ModuleSeeder = (ctx: SeedContext) => number;
