import { InitialSchema1763769600000 } from './1763769600000-initial-schema.js';
import { Sessions1796169600000 } from './1796169600000-sessions.js';

/** Every migration, oldest first. Listed by hand so bundlers and `node dist/` load the same set. */
export const migrations = [InitialSchema1763769600000, Sessions1796169600000];
