/**
 * The classic hostile inputs, kept as plain data so the fuzzing arbitraries can mix them with generated
 * ones. Every string here is something a real attacker or a broken client has sent to a real API.
 */

/** Strings that must be stored and echoed as sent, or rejected, never interpreted. */
export const hostileStrings: readonly string[] = [
  // SQL injection
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' UNION SELECT id, email, password_hash FROM users --",
  "admin'--",
  "\\'; SELECT pg_sleep(10); --",
  '$$; SELECT 1; $$',
  // LIKE wildcards and escapes, which a text search must treat literally
  '%',
  '_',
  '%_%',
  '\\',
  '\\%',
  // NoSQL / operator injection, as text
  '{"$gt": ""}',
  '{"$ne": null}',
  '$where',
  '[$regex]=.*',
  // Prototype pollution, as text
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[role]=admin',
  // Markup, templates, paths, format strings
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%s%s%s%n',
  // Unicode that trips up byte- and code-unit-based code
  '\u202Egnp.exe',
  'zero\u200Bwidth',
  '😀'.repeat(3),
  'e\u0301',
  '\uFEFFbom',
  'İstanbul',
  'ß',
  '\u00A0',
  '\r\n',
  '\t',
  // Characters PostgreSQL text cannot hold, or that have no UTF-8 form
  'nul\u0000byte',
  '\u0000',
  'lone \uD800 high',
  'lone \uDFFF low',
  '\uDC00\uD800',
  // Number-ish and keyword-ish strings
  'null',
  'undefined',
  'true',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  '',
  ' ',
];

/** JSON values of every type, for a property that expects one type and gets another. */
export const wrongTypeValues: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  [],
  [''],
  {},
  { $gt: '' },
  { $ne: null },
  { __proto__: null },
];

/** Keys a client might add to take over an account or someone else's data. */
export const hostileKeys: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'role',
  'id',
  'ownerId',
  'owner_id',
  'userId',
  'isAdmin',
  'passwordHash',
  'createdAt',
  '',
  '$where',
];

/** The contract's body limit (100 kB); a body over it is a 413 whatever it holds. */
export const BODY_LIMIT = 100 * 1024;

/** Bodies that are not JSON at all, or not JSON the way a server must read it. */
export const malformedBodies: readonly string[] = [
  '',
  ' ',
  '{',
  '}',
  '{"title": "x"',
  '{"title": "x"}}',
  '{"title": "x",}',
  "{'title': 'x'}",
  '{title: "x"}',
  '{"title": NaN}',
  '{"title": Infinity}',
  '{"title": undefined}',
  '{"title": "x" /* comment */}',
  '{"title": "\u0000"}', // a raw control character inside a string is not JSON
  '{"title": "\\x41"}',
  '{"title": "\\u12"}',
  '[1, 2',
  'nul\u0000',
  '{"a":1}{"b":2}',
  '01',
];
