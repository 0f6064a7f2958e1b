// The core queries the whole page with `QUERY`, a shorter list than its selector list `CANDIDATES`, because a
// browser tests every entry of a list against every element (src/core/selector.rs). A textual test there derives
// one from the other; this one asks both browsers' selector engines: on the bench's Meta-like feed, with a block
// of edge cases added (inputs of every type and case, roles that are and are not candidates, links without an
// href, aria-expanded on its own, SVG links, elements that match more than one entry), the two must return the
// same elements in the same order, each once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { benchRoute } from '../bench/generate.js';
import { launchers } from './browsers.js';
import { coreSelector } from './core-selectors.js';
import { startFixtureServer } from './server.js';

const EDGES = `<div class="x1n2onr6 x9f619" id="edges">
  <a href="/groups/1/">group</a><a>no href</a><a href="">empty href</a><a name="x">anchor</a>
  <button>plain</button><button type="submit">submit</button><button type="button" role="tab">both</button>
  <input type="submit" value="a"><input type="SUBMIT" value="b"><input type="Radio" name="r"><input type="radio" name="r">
  <input type="text"><input><input type="checkbox"><input type="reset"><input type="image" alt="i"><input type="submit " value="c">
  <input type="radio" role="button" aria-expanded="false" name="r2">
  <div role="button">b</div><span role="link">l</span><li role="menuitem">m</li><div role="menuitemradio">mr</div>
  <div role="radio">r</div><div role="option">o</div><div role="tab">t</div><div role="article">not one</div>
  <div role="BUTTON">case</div><div role="button link">two roles</div><div role="">empty</div><div role="presentation">p</div>
  <div aria-expanded="true">expanded, no role</div><div aria-expanded="">empty</div><a href="/x" aria-expanded="false" role="button">all</a>
  <svg width="10" height="10"><a href="/svg"><circle r="4"></circle></a><a><circle r="2"></circle></a></svg>
  <form><fieldset><label><input type="radio" name="f"> in a label</label></fieldset></form>
</div>`;

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: the quick query finds exactly the candidates`, { timeout: 60_000 }, () => {
    let server;
    let session;
    let page;
    before(async () => {
      server = await startFixtureServer({ dynamic: benchRoute });
      session = await launchers[browser]({ port: server.port });
      page = await session.newPage();
      await page.goto('https://www.facebook.com/?bench=feed', { waitUntil: 'load', timeout: 30_000 });
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    test('the same elements, in the same order, on the feed and its edge cases', async () => {
      const [candidates, query] = [coreSelector('CANDIDATES'), coreSelector('QUERY')];
      assert.notEqual(candidates, query);
      const found = await page.evaluate(([html, lists]) => {
        document.body.insertAdjacentHTML('beforeend', html);
        const all = Array.from(document.getElementsByTagName('*'));
        const at = new Map(all.map((e, i) => [e, i]));
        const edges = document.getElementById('edges');
        return lists.map((s) => {
          const l = Array.from(document.querySelectorAll(s));
          return { order: l.map((e) => at.get(e)), edges: l.filter((e) => edges.contains(e)).length };
        });
      }, [EDGES, [candidates, query]]);
      const [want, got] = found;
      assert.ok(want.order.length > 3000, `the feed has ${want.order.length} candidates`);
      assert.ok(want.edges >= 20, `${want.edges} of the edge cases are candidates`);
      assert.equal(new Set(got.order).size, got.order.length, 'an element found twice');
      assert.deepEqual(got, want);
    });
  });
}
