// The web page end to end, as legal staff use it, in headless Chromium:
// search «регистрация», open the first act, follow a value to its source
// span, compare a regulation with the same service in another region, and
// switch the page to Kazakh. Each step checks what the page shows and
// saves a screenshot.
//
//   node tests/e2e/browse.mjs http://127.0.0.1:PORT OUT_DIR
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

const [base, out] = process.argv.slice(2);
assert.ok(base && out, "usage: browse.mjs BASE_URL OUT_DIR");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // The machine has no network: Chromium's own background traffic is off.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const shot = (name) => page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
const badges = new Set(["in_force", "lost_force", "not_yet_in_force", "unknown"]);

try {
  // 1. Search.
  await page.goto(`${base}/`);
  await page.fill("input[name=q]", "регистрация");
  await Promise.all([page.waitForURL(/q=/), page.press("input[name=q]", "Enter")]);
  const groups = page.locator("li.group");
  const n = await groups.count();
  assert.ok(n >= 3, `expected at least 3 result groups, got ${n}`);
  for (let i = 0; i < n; i++) {
    const status = await groups.nth(i).locator(".badge").first().getAttribute("data-status");
    assert.ok(badges.has(status), `group ${i} has no status badge (${status})`);
  }
  const snippets = await page.locator(".snippet b").count();
  assert.ok(snippets > 0, "no highlighted snippet");
  assert.match(await page.locator(".facets").innerText(), /утратил силу/);
  await shot("search");

  // 2. The first act.
  const title = await groups.first().locator("a.act-link").innerText();
  await Promise.all([page.waitForURL(/\/acts\//), groups.first().locator("a.act-link").click()]);
  assert.ok(badges.has(await page.locator("h1 .badge").getAttribute("data-status")));
  assert.equal((await page.locator(".act-id").innerText()).includes(title), true,
    `the act page is not the act found: ${title}`);
  assert.ok(await page.locator("section.meta dd").count() >= 3, "too few metadata rows");
  assert.ok(await page.locator("table.procedures tbody tr").count() >= 1, "no procedure table");
  assert.ok(await page.locator("table.procedures .bar").count() >= 1, "no timeline bar");
  const actUrl = page.url();
  await shot("act");

  // 3. A value's source: the span is highlighted and holds the value.
  const value = page.locator("section.meta dd a.src").nth(3);
  const shown = (await value.innerText()).trim();
  await Promise.all([page.waitForURL(/\/source\//), value.click()]);
  const mark = (await page.locator("mark#hl").innerText()).trim();
  assert.ok(mark.length > 0, "nothing highlighted");
  assert.ok(mark.includes(shown) || shown.includes(mark.split(/\s+/)[0]),
    `the highlighted span «${mark}» is not the value «${shown}»`);
  await shot("source");

  // 4. Compare a regulation with the same service in another region.
  await page.goto(actUrl);
  const compare = page.locator("a.compare").first();
  assert.ok(await compare.count() > 0, "no compare link on the act page");
  await Promise.all([page.waitForURL(/\/diff\?/), compare.click()]);
  const steps = page.locator("tr.procedure");
  assert.ok(await steps.count() >= 1, "the diff shows no procedures");
  const changes = await steps.evaluateAll((rows) => rows.map((r) => r.dataset.change));
  assert.ok(changes.every((c) => ["same", "changed", "added", "removed"].includes(c)));
  assert.ok(await page.locator(".redline ins, .redline del").count() > 0, "no redline");
  await shot("diff");

  // 5. The same page in Kazakh.
  await Promise.all([page.waitForURL(/ui=kk/), page.click("nav.langs a[hreflang=kk]")]);
  assert.equal(await page.getAttribute("html", "lang"), "kk");
  assert.match(await page.locator("h1").innerText(), /салыстыру/i);
  await shot("diff-kk");
  console.log(`e2e: ${n} groups; act «${title}»; span «${mark.slice(0, 40)}»; diff steps ${changes.join(",")}`);
} finally {
  await browser.close();
}
