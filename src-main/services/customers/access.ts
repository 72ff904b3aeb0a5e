/**
 * Kept for the modules that still import the viewer from here (the exchange merge, tests): the rules
 * themselves are the policy's (src-main/services/policy/policy.ts). New code imports from there.
 */
export { isManagerLike, type Viewer } from '../policy/policy';
