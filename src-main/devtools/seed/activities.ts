import type { ModuleSeeder } from './context';

/** Demo records of this capability (deterministic from ctx.rng). */
export const seedActivities: ModuleSeeder = () => 0;
