// Gives the content glue the short import and export names wasm-opt gave the content wasm.
// Usage: node tools/short-names.mjs MAP.json WASM GLUE.js   (rewrites GLUE.js in place)
//
// wasm-bindgen names each of the wasm's ~150 imports `__wbg_<name>_<16 hex digits>`, in the module
// "./objector_content_bg.js": the hex digits do not compress, and were about 2.8 KB of the content wasm's gzip
// size. build.sh runs wasm-opt --minify-imports-and-exports-and-modules, which renames them (`a`, `b`, … `$a`),
// the exports too, and prints the mapping (MAP); this script makes the glue match: the keys of its import object,
// that object's module name, and its `wasm.<export>` calls. Any name it cannot account for fails the build
// (a wasm-bindgen that wrote its glue differently must not ship a core that cannot be instantiated).
import { readFileSync, writeFileSync } from "node:fs";

const [mapFile, wasmFile, glueFile] = process.argv.slice(2);
const fail = (why) => {
  console.error(`short-names: ${why}`);
  process.exit(1);
};
const map = JSON.parse(readFileSync(mapFile, "utf8"));
const wasm = new WebAssembly.Module(readFileSync(wasmFile));
let glue = readFileSync(glueFile, "utf8");
const identifier = /^[A-Za-z_$][\w$]*$/;

// The module: one, before and after.
const [oldModule, ...others] = new Set(map.imports.map(([module]) => module));
const [newModule, ...more] = new Set(WebAssembly.Module.imports(wasm).map((i) => i.module));
if (!oldModule || others.length || !newModule || more.length) fail("expected the imports of one module");
const moduleKey = `${JSON.stringify(oldModule)}: import0`;
if (glue.split(moduleKey).length !== 2) fail(`the glue does not name the module once: ${moduleKey}`);
glue = glue.replace(moduleKey, () => `${JSON.stringify(newModule)}: import0`); // (a function: no `$` patterns)

// The import object's keys: `<indent>name: function…`, each exactly once.
for (const [, name, short] of map.imports) {
  if (!identifier.test(name) || !identifier.test(short)) fail(`not an identifier: ${name} -> ${short}`);
  const key = new RegExp(`^(\\s+)${name.replaceAll("$", "\\$")}:(?= function)`, "gm");
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`the import ${name} is a key of the glue's import object ${found} times, not once`);
  glue = glue.replace(key, (_, indent) => `${indent}${JSON.stringify(short)}:`);
}

// The exports, as the glue calls them: `wasm.<name>`. Every one must be in the mapping.
const exports = new Map(map.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
  const short = exports.get(name);
  if (!short || !identifier.test(short)) fail(`the glue calls wasm.${name}, which the mapping does not rename`);
  return `wasm.${short}`;
});

// Nothing of the long names is left, and the wasm has exactly the imports the glue now provides.
const left = map.imports.map(([, name]) => name).filter((name) => glue.includes(name));
if (left.length) fail(`long names left in the glue: ${left.join(", ")}`);
const wanted = WebAssembly.Module.imports(wasm).map((i) => i.name).sort();
const given = map.imports.map(([, , short]) => short).sort();
if (JSON.stringify(wanted) !== JSON.stringify(given)) fail("the wasm's imports are not the mapping's");
writeFileSync(glueFile, glue);
