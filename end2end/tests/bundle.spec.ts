import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { COORDINATOR, GOVERNOR, follow, ready, signIn } from "./helpers";

// The first load of the pages people open most, on a phone or an old laptop:
// the main bundle plus the chunks of that page (`cargo leptos build --split`),
// counted as they travel (the brotli copies `--precompress` wrote beside them).
const PKG = path.resolve(__dirname, "../../target/site/pkg");
const BUDGET_KB = 350;

const kb = (bytes: number) => Math.round(bytes / 1024);

function onTheWire(file: string): number {
  const br = path.join(PKG, `${file}.br`);
  expect(existsSync(br), `${file}.br: build with \`cargo leptos build --release --precompress --split\``).toBe(true);
  return statSync(br).size;
}

/** The site's wasm and JavaScript a fresh load of `url` fetches, until hydrated
 * (or, for a page sent without scripts, until loaded). */
async function firstLoad(context: BrowserContext, url: string, hydrates: boolean): Promise<string[]> {
  const page = await context.newPage();
  const files = new Set<string>();
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/pkg/") && /\.(js|wasm)$/.test(pathname)) {
      files.add(pathname.slice("/pkg/".length));
    }
  });
  await page.goto(url);
  if (hydrates) {
    await ready(page);
  } else {
    await page.waitForLoadState("networkidle");
  }
  await page.close();
  return [...files].sort();
}

async function schoolHome(page: Page): Promise<string> {
  await page.goto("/schools");
  await ready(page);
  await follow(page, page.getByRole("link", { name: /Fenland/ }).first());
  return new URL(page.url()).pathname;
}

type Load = { name: string; kb: number; files: string[] };

/** Signs in where needed and measures the four pages' first loads. */
async function measure(browser: import("@playwright/test").Browser, page: Page): Promise<Load[]> {
  // Every file of the bundle, for the record.
  const files = readdirSync(PKG).filter((f) => /\.(js|wasm)$/.test(f));
  const chunks = files.filter((f) => /^(chunk|split)_/.test(f));
  const main = files.filter((f) => !/^(chunk|split)_/.test(f));
  console.log("main bundle (raw KB / brotli KB):");
  for (const f of main.sort()) {
    console.log(`  ${f.padEnd(60)} ${String(kb(statSync(path.join(PKG, f)).size)).padStart(6)} ${String(kb(onTheWire(f))).padStart(6)}`);
  }
  const chunkBr = chunks.reduce((sum, f) => sum + onTheWire(f), 0);
  console.log(`  + ${chunks.length} chunks of the areas of pages, ${kb(chunkBr)} KB brotli in all`);

  // The pages, found as people find them.
  // [name, who, address, whether the app's scripts come with it]
  const pages: [string, BrowserContext, string, boolean][] = [];
  pages.push(["sign-in", await browser.newContext(), "/sign-in", true]);

  await signIn(page, COORDINATOR);
  const home = await schoolHome(page);
  await page.getByRole("link", { name: "Surveys of carers, pupils and staff" }).click();
  await ready(page);
  await page.getByLabel("Start from").selectOption("voice-of-the-carer");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await ready(page);
  await page.getByRole("button", { name: "Open the survey" }).click();
  await ready(page);
  const survey = new URL(await page.getByLabel("Link to the survey").inputValue()).pathname;
  pages.push(["school home (coordinator)", page.context(), home, true]);

  const governor = await browser.newContext();
  const governorPage = await governor.newPage();
  await signIn(governorPage, GOVERNOR);
  await schoolHome(governorPage);
  await follow(governorPage, governorPage.getByRole("link", { name: "Dashboard for governors" }));
  pages.push(["dashboard (governor)", governor, new URL(governorPage.url()).pathname, true]);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  // A carer's survey is plain HTML (app/src/routes.rs, `hydrates`).
  pages.push(["carers' survey (a phone, no account)", phone, survey, false]);

  const loads: Load[] = [];
  console.log(`first load, wasm and JavaScript (brotli KB; budget ${BUDGET_KB}):`);
  for (const [name, context, url, hydrates] of pages) {
    const loaded = await firstLoad(context, url, hydrates);
    if (hydrates) {
      expect(loaded.some((f) => /^caring-schools\..*\.wasm$/.test(f)), `${name} loads the main bundle`).toBe(true);
    } else {
      expect(loaded, `${name} is sent without scripts`).toEqual([]);
    }
    const total = kb(loaded.reduce((sum, f) => sum + onTheWire(f), 0));
    console.log(`  ${name.padEnd(40)} ${String(total).padStart(6)}  (${loaded.length} files)`);
    loads.push({ name, kb: total, files: loaded });
  }
  return loads;
}

// Measured 2026-12-01 (release, brotli 11): the goal is BUDGET_KB for each,
// not yet reached by the dashboard (issue 14). A first load may shrink, never
// grow; lower a ceiling whenever a page gets lighter. Two builds of the same
// commit differ by up to about 1 KB (the files' hashed names differ, and with
// them the loader script and how each file compresses): NOISE_KB.
// The dashboard left the portfolio's layout and lost the target-date form
// (444 -> 366); sign-in rose 257 -> 259 with it, as the code it shares with
// other areas fell into more, smaller files (43 -> 49).
// The carers' pages left the browser build (they are only ever whole
// documents): sign-in 259 -> 255, school home 323 -> 318, dashboard 366 -> 360.
// A carer's survey is sent without scripts: nothing at all.
const CEILING_KB: Record<string, number> = {
  "sign-in": 255,
  "school home (coordinator)": 318,
  "dashboard (governor)": 360,
  "carers' survey (a phone, no account)": 0,
};
const NOISE_KB = 1;

// The areas of pages only the pages that use them may fetch (app/src/routes.rs);
// the portfolio's layout holds the co-editing session, which a governor never opens.
const HEAVY = ["writing", "evidence", "survey_design", "report", "portfolio_layout"];

test("first loads: the heavy areas stay away, and no page grows on its way to the budget", async ({
  browser,
  page,
  javaScriptEnabled,
}) => {
  test.skip(javaScriptEnabled === false, "without JavaScript no wasm or script is loaded at all");
  const loads = await measure(browser, page);
  for (const load of loads) {
    const over = load.kb - BUDGET_KB;
    console.log(`  ${load.name}: ${over > 0 ? `${over} KB over` : "within"} the ${BUDGET_KB} KB budget`);
  }
  expect(
    loads.flatMap((l) =>
      l.files.filter((f) => HEAVY.some((area) => f.startsWith(`split_${area}_`))).map((f) => `${l.name}: ${f}`),
    ),
    "the co-editor, uploads, survey design and the report load only on their pages",
  ).toEqual([]);
  expect(
    loads
      .filter((l) => l.kb > CEILING_KB[l.name] + NOISE_KB)
      .map((l) => `${l.name}: ${l.kb} KB > ${CEILING_KB[l.name]} KB (+${NOISE_KB})`),
    "first loads larger than when the bundle was split",
  ).toEqual([]);
});
