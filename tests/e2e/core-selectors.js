// The core's CSS selectors (src/core/selector.rs), read from the Rust source, for the tests and the benchmark to
// query the same elements the extension does: `CANDIDATES` (its selector list) or `QUERY` (its quicker query for
// the same elements).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './browsers.js';

/** The string constant `name` of src/core/selector.rs, its line continuations joined. Throws if it is not there. */
export function coreSelector(name = 'CANDIDATES') {
  const src = readFileSync(path.join(REPO, 'src/core/selector.rs'), 'utf8');
  const m = src.match(new RegExp(`pub const ${name}: &str = "((?:[^"\\\\]|\\\\[\\s\\S])*)";`));
  if (!m) throw new Error(`${name} not found in src/core/selector.rs`);
  return m[1].replace(/\\\n\s*/g, '');
}
