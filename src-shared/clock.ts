/** Time source, injectable so that lockouts, deadlines and stamps are testable without sleeping. */
export type Clock = { now(): number };
