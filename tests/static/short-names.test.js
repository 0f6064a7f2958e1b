// tools/short-names.mjs, which gives the content glue the short import and export names wasm-opt gave the
// content wasm (build.sh): it rewrites exactly the names the mapping gives, and fails the build, writing nothing,
// on any name it cannot account for. Run on a small module made here and a glue shaped like wasm-bindgen's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const TOOL = new URL("../../tools/short-names.mjs", import.meta.url).pathname;

/** A wasm module importing `names` (functions of no arguments) from `module`. */
function wasmImporting(module, names) {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const imports = [names.length, ...names.flatMap((n) => [...str(module), ...str(n), 0x00, 0x00])];
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, imports.length, ...imports]);
}

const GLUE = `    function __wbg_get_imports() {
        const import0 = {
            __proto__: null,
            __wbg_appendChild_dbf7ad2f48413560: function(arg0, arg1) {
                return arg0.appendChild(arg1);
            },
            __wbg_getAttribute_c7b80d4010284561: function(arg0) {
                return arg0.getAttribute("href");
            },
        };
        return {
            __proto__: null,
            "./objector_content_bg.js": import0,
        };
    }
    function start_content(api) {
        const ptr = wasm.__wbindgen_malloc(8, 1);
        wasm.start_content(api, ptr, wasm.memory.buffer);
    }
`;
const MAP = {
  imports: [
    ["./objector_content_bg.js", "__wbg_appendChild_dbf7ad2f48413560", "a"],
    ["./objector_content_bg.js", "__wbg_getAttribute_c7b80d4010284561", "$a"],
  ],
  exports: [["__wbindgen_malloc", "b"], ["start_content", "c"], ["memory", "d"]],
};

/** Runs the tool on `glue`, `map` and a module importing `names` from "a"; returns its exit status, stderr and
 * the glue file's text afterwards. */
function run(glue, map, names = ["a", "$a"]) {
  const dir = mkdtempSync(path.join(tmpdir(), "short-names-"));
  const files = ["names.json", "content_bg.wasm", "content.js"].map((f) => path.join(dir, f));
  writeFileSync(files[0], JSON.stringify(map));
  writeFileSync(files[1], wasmImporting("a", names));
  writeFileSync(files[2], glue);
  const r = spawnSync(process.execPath, [TOOL, ...files], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, glue: readFileSync(files[2], "utf8") };
}

test("renames the import object's keys, its module and the glue's export calls", () => {
  const r = run(GLUE, MAP);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.glue, /^ {12}"a": function\(arg0, arg1\) \{$/m);
  assert.match(r.glue, /^ {12}"\$a": function\(arg0\) \{$/m);
  assert.match(r.glue, /"a": import0,/);
  assert.match(r.glue, /const ptr = wasm\.b\(8, 1\);\n\s+wasm\.c\(api, ptr, wasm\.d\.buffer\);/);
  assert.doesNotMatch(r.glue, /__wbg_appendChild|__wbg_getAttribute|__wbindgen_malloc|objector_content_bg|wasm\.start_content|wasm\.memory/);
  // The rest is untouched: the function bodies, and the glue's own names that are not the wasm's.
  assert.match(r.glue, /return arg0\.getAttribute\("href"\);/);
  assert.match(r.glue, /function __wbg_get_imports\(\)/);
  assert.match(r.glue, /function start_content\(api\)/);
});

test("fails, writing nothing, on any name it cannot account for", () => {
  const cases = {
    "an import the glue does not provide": [GLUE.replace("__wbg_getAttribute_c7b80d4010284561", "__wbg_other_0"), MAP],
    "an import the glue provides twice": [GLUE.replace("        };\n        return", "            __wbg_appendChild_dbf7ad2f48413560: function() {},\n        };\n        return"), MAP],
    "an export the mapping does not rename": [GLUE.replace("wasm.memory", "wasm.__wbindgen_free"), MAP],
    "a second module": [GLUE, { ...MAP, imports: [...MAP.imports.slice(0, 1), ["./other.js", "__wbg_getAttribute_c7b80d4010284561", "$a"]] }],
    "a wasm whose imports are not the mapping's": [GLUE, MAP, ["a", "zz"]],
  };
  for (const [what, [glue, map, names]] of Object.entries(cases)) {
    const r = run(glue, map, names);
    assert.equal(r.status, 1, `${what}: exit status ${r.status}`);
    assert.match(r.stderr, /^short-names: /, what);
    assert.equal(r.glue, glue, `${what}: the glue was written`);
  }
});
