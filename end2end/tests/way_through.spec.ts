import { expect, test } from "@playwright/test";
import { COORDINATOR, expectAccessible, follow, openPortfolio, ready, signIn } from "./helpers";

test("a DT goes from the task list through criteria with next and previous, then checks the portfolio", async ({
  page,
}, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  await signIn(page, COORDINATOR);
  await openPortfolio(page);
  const overview = page.url();

  // the task list: every criterion, one written rule for "complete"
  await expect(page.getByRole("heading", { name: "Criteria", exact: true })).toBeVisible();
  await expect(
    page.getByText(/A criterion is complete when its current practice, impact and next steps are written/),
  ).toBeVisible();
  await expect(page.locator(".task-list__item")).toHaveCount(30);
  await expectAccessible(page);

  const heading = page.getByRole("heading", { level: 1 });
  await page.getByRole("link", { name: /^1\.1 / }).click();
  await ready(page);
  await expect(heading).toContainText("1.1");
  await page.getByRole("link", { name: /^Next criterion/ }).click();
  await ready(page);
  await expect(heading).toContainText("1.2");
  await page.getByRole("link", { name: /^Next criterion/ }).click();
  await ready(page);
  await expect(heading).toContainText("1.3");
  await page.getByRole("link", { name: /^Previous criterion/ }).click();
  await ready(page);
  await expect(heading).toContainText("1.2");

  if (js) {
    // live: every change is saved as it is made, so no Save button beside it
    await expect(page.locator(".status-bar__save")).toHaveText("All changes saved");
    await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  } else {
    // the plain form saves, and goes on to the next criterion
    const steps = "Share the attendance tracker with the Virtual School each half term.";
    await page.getByLabel("Proposed actions / next steps for development").fill(steps);
    await page.getByRole("button", { name: "Save and go to the next criterion" }).click();
    await expect(page.getByText("Your changes have been saved.")).toBeVisible();
    await expect(heading).toContainText("1.3");
    await page.getByRole("link", { name: /^Previous criterion/ }).click();
    await expect(page.getByLabel("Proposed actions / next steps for development")).toHaveValue(steps);
  }
  await expectAccessible(page);

  // check your portfolio: what is missing, each linked to its criterion
  await page.goto(`${overview}/submit`);
  await ready(page);
  await expect(page.getByRole("heading", { name: "Check your portfolio before you submit" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Criteria not complete \(\d+\)$/ })).toBeVisible();
  await expectAccessible(page);
  const first = page.locator(".error-summary__list a").first();
  const target = await first.getAttribute("href");
  expect(target).toMatch(/\/criteria\/\d\.\d$/);
  await follow(page, first);
  expect(new URL(page.url()).pathname).toBe(target);
});

test("the task list, a criterion and the check fit a 320 pixel screen", async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const page = await (
    await browser.newContext({ javaScriptEnabled: js, viewport: { width: 320, height: 800 } })
  ).newPage();
  await signIn(page, COORDINATOR);
  await openPortfolio(page);
  const overview = page.url();
  const fits = async (what: string) => {
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(client);
  };
  await fits("the task list");
  await page.goto(`${overview}/criteria/1.9`);
  await ready(page);
  await fits("a criterion with previous and next");
  await page.goto(`${overview}/submit`);
  await ready(page);
  await fits("the check page");

  // members as cards: nothing cut off, and nobody offered removing themselves
  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  await page.getByRole("link", { name: "Manage members" }).click();
  await ready(page);
  await fits("the members page");
  const me = page.locator(".summary-card").filter({ hasText: "(you)" });
  await expect(me).toHaveCount(1);
  await expect(me.getByText("Remove")).toHaveCount(0);
  await expect(page.locator(".summary-card").filter({ hasNotText: "(you)" }).first().getByText("Remove").first()).toBeVisible();
  await expectAccessible(page);
});

test("on a phone the navigation folds behind Menu, and the first screen is the page's", async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const page = await (
    await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 740 }, isMobile: true })
  ).newPage();
  await signIn(page, COORDINATOR);
  await openPortfolio(page);
  const frameworks = page.getByRole("link", { name: "Frameworks" });
  const menu = page.getByRole("button", { name: "Menu" });
  if (js) {
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(frameworks).toBeHidden();
    const header = await page.locator("header").boundingBox();
    expect(header!.height, "the header leaves the first screen to the page").toBeLessThan(740 / 5);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(frameworks).toBeVisible();
    await expectAccessible(page);
    // going somewhere folds it again
    await frameworks.click();
    await ready(page);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  } else {
    // without scripts nothing is folded away
    await expect(menu).toBeHidden();
    await expect(frameworks).toBeVisible();
  }
});
