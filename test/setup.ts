/** Loaded by mocha before every test file (see .mocharc.json). */
import { setPasswordCost } from '../api/auth/secrets';

process.env.TZ = process.env.TZ || 'UTC';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
// Staff password hashes at scrypt N=2^10 instead of production's 2^17 (0.6 s each): hundreds of
// test logins stay fast. Child processes (kontakt serve, kontakt user add) inherit the variable.
process.env.KONTAKT_PASSWORD_COST = process.env.KONTAKT_PASSWORD_COST || '10';
setPasswordCost(Number(process.env.KONTAKT_PASSWORD_COST));
