import { eq, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import { customers } from '../../db/schema';
import { seesEverything, type Viewer } from './roles';

/**
 * The reading rules of policy.ts as SQL conditions for list queries (undefined: no limit, the
 * viewer sees everything). Each states the same rule as the pure function it names.
 */

/** Over `customers`: the rows the viewer may read (canReadCustomer): their own and the pool's; managers all. */
export const readableCondition = (viewer: Viewer): SQL | undefined =>
  seesEverything(viewer) ? undefined : or(eq(customers.ownerId, viewer.id), isNull(customers.ownerId));

/** Over `customers`: the viewer's own customers, for lists of a salesperson's own (greetings, the recycle bin); managers all. */
export const ownCustomersCondition = (viewer: Viewer): SQL | undefined => (seesEverything(viewer) ? undefined : eq(customers.ownerId, viewer.id));

/**
 * Over visits or minutes (canReadWork): the ones the viewer makes or wrote (`person`) and those of the
 * customers they own (`customerId`); managers all.
 */
export const readableWorkCondition = (viewer: Viewer, person: Column, customerId: Column): SQL | undefined =>
  seesEverything(viewer)
    ? undefined
    : or(eq(person, viewer.id), sql`${customerId} in (select ${customers.id} from ${customers} where ${customers.ownerId} = ${viewer.id})`);
