import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ASSESSOR, COORDINATOR, GOVERNOR, follow, openPortfolio, ready, signIn } from "./helpers";

/** Every page a person reaches, at 320 CSS pixels (WCAG reflow), scrolls only down. */
async function fitsEach(page: Page, paths: string[]) {
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await ready(page);
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    if (scroll > client) wide.push(`${path}: ${scroll} > ${client}`);
  }
  expect(wide, "pages that scroll sideways at 320 px").toEqual([]);
}

async function narrow(browser: import("@playwright/test").Browser, js: boolean) {
  return (await browser.newContext({ javaScriptEnabled: js, viewport: { width: 320, height: 800 } })).newPage();
}

test("every page of the school's staff fits a 320 pixel screen", async ({ browser }, info) => {
  const page = await narrow(browser, info.project.use.javaScriptEnabled !== false);
  await signIn(page, COORDINATOR);
  await openPortfolio(page);
  const portfolio = new URL(page.url()).pathname;
  await page.goto("/schools");
  await ready(page);
  await follow(page, page.getByRole("link", { name: /Fenland/ }).first());
  const school = new URL(page.url()).pathname;
  await fitsEach(page, [
    school,
    `${school}/members`,
    `${school}/surveys`,
    `${school}/downloads`,
    portfolio,
    `${portfolio}/cover`,
    `${portfolio}/register`,
    `${portfolio}/domains/1`,
    `${portfolio}/criteria/1.1`,
    `${portfolio}/criteria/1.1/history`,
    `${portfolio}/evidence`,
    `${portfolio}/evidence/new`,
    `${portfolio}/dashboard`,
    `${portfolio}/report`,
    `${portfolio}/submit`,
    "/my-work",
    "/frameworks",
    "/frameworks/caring2learn",
    `${school}/calendar`,
    `${school}/peps`,
    `${school}/peps/new`,
  ]);
  // A PEP meeting's page and the DT self-audit's action plan.
  await page.goto(`${school}/peps`);
  await ready(page);
  const pep = await page.locator('a[href^="/peps/"]').first().getAttribute("href");
  await page.goto(school);
  await ready(page);
  const plan = await page.getByRole("link", { name: "Action plan" }).first().getAttribute("href");
  await fitsEach(page, [pep!, plan!]);
});

test("the governor's, assessor's and administrator's pages fit a 320 pixel screen", async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const governor = await narrow(browser, js);
  await signIn(governor, GOVERNOR);
  await governor.goto("/schools");
  await ready(governor);
  await follow(governor, governor.getByRole("link", { name: /Fenland/ }).first());
  await fitsEach(governor, [new URL(governor.url()).pathname]);

  const assessor = await narrow(browser, js);
  await signIn(assessor, ASSESSOR);
  const authority = new URL(assessor.url()).pathname;
  expect(authority).toMatch(/^\/authorities\/\d+$/);
  await fitsEach(assessor, [authority, `${authority}/board`, `${authority}/peps`]);

  const admin = await narrow(browser, js);
  await signIn(admin, ADMIN);
  await fitsEach(admin, ["/admin"]);
});
