/**
 * Prints what one password check costs: scrypt with the slot parameters the
 * app uses (src-main/keyring/crypto.ts), median and max of 7 runs, and the
 * memory it needs. Target: about a quarter of a second on an office PC.
 */
import { randomBytes } from 'node:crypto';
import { defaultScrypt, scryptKey } from '../src-main/keyring/crypto';

const runs = 7;
const times: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const start = performance.now();
  await scryptKey('correct horse battery staple', randomBytes(16), defaultScrypt);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const { N, r, p } = defaultScrypt;
console.log(`scrypt N=2^${Math.log2(N)} r=${r} p=${p}: memory ${(128 * N * r) / 2 ** 20} MiB`);
console.log(`password check: median ${times[Math.floor(runs / 2)]!.toFixed(0)} ms, max ${times[runs - 1]!.toFixed(0)} ms (${runs} runs)`);
console.log(`offline guessing on this machine: about ${(1000 / times[Math.floor(runs / 2)]!).toFixed(1)} guesses per second per core`);
