import { expect, test, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-for-tests";
export const COORDINATOR = "coordinator@demo.caring-schools.test";
export const GOVERNOR = "governor@demo.caring-schools.test";
export const EDITOR = "editor@demo.caring-schools.test";
export const ASSESSOR = "assessor@demo.caring-schools.test";
export const ADMIN = "admin@demo.caring-schools.test";

/** The demo portfolio's criterion page, once its document is ready to edit. */
export async function openCriterion(page: Page, criterion: string) {
  await page.goto("/schools");
  await ready(page);
  await follow(page, page.getByRole("link", { name: /Fenland/ }).first());
  const open = page.getByRole("link", { name: "Open the portfolio" });
  const href = await open.getAttribute("href");
  await page.goto(`${href}/criteria/${criterion}`);
  await ready(page);
  await expect(page.locator(".status-bar__save")).toHaveText("All changes saved");
}

/** Waits until the page is interactive: hydrated when scripts run. */
export async function ready(page: Page) {
  await page.waitForLoadState("load");
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page.waitForFunction(() => (window as any).__hydrated === true, null, {
      timeout: 20_000,
    });
  }
}

export async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await ready(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** No axe violations (WCAG 2.2 AA and best practice). */
export async function expectAccessible(page: Page) {
  // axe runs as a script in the page; without JavaScript the markup is the
  // same server-rendered HTML the hydrated run checks.
  if (test.info().project.use.javaScriptEnabled === false) return;
  // A page mid-way through a navigation (the next area's code or data still
  // on its way) is not the page under test: wait for its heading and title.
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

/** The demo portfolio's overview page, from the school's page. */
export async function openPortfolio(page: Page) {
  await page.goto("/schools");
  await ready(page);
  await follow(page, page.getByRole("link", { name: /Fenland/ }).first());
  await follow(page, page.getByRole("link", { name: "Open the portfolio" }));
}

/**
 * Follows a link and waits for the page it leads to. Once hydrated, a link is
 * followed in the page, and a page whose code has not been fetched yet appears
 * (and the address changes) only once it has been: so wait for the address.
 */
export async function follow(page: Page, link: Locator) {
  const href = await link.getAttribute("href");
  expect(href, "a link with an address").toBeTruthy();
  const target = new URL(href!, page.url()).pathname;
  await link.click();
  await page.waitForURL((url) => url.pathname === target);
  await ready(page);
}
