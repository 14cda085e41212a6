import { expect, test } from "@playwright/test";
import { ASSESSOR, GOVERNOR, expectAccessible, follow, ready, signIn } from "./helpers";

test("a governor sees the dashboard: figures, no narratives, no evidence links", async ({ page }) => {
  await signIn(page, GOVERNOR);
  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  await page.getByRole("link", { name: "Dashboard for governors" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByText("The portfolio stands at:")).toBeVisible();
  await expect(page.getByRole("table", { name: "Evidence per domain" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByText("Values assemblies")).toHaveCount(0);
  await expect(page.locator('a[href*="/evidence"]')).toHaveCount(0);
  await expectAccessible(page);
});

test("a governor reads the annual report and takes it away as a PDF", async ({ page }) => {
  await signIn(page, GOVERNOR);
  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  await page.getByRole("link", { name: "Dashboard for governors" }).click();
  await ready(page);
  // the level profile as a picture, and the same figures as a table
  await expect(page.getByRole("img", { name: /Standard met per domain/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Standard met per domain (self-assessed)" })).toBeVisible();
  await page.getByRole("link", { name: "Annual report to governors" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Annual report to governors \d{4}–\d{2}$/);
  await expect(page.getByRole("heading", { name: "From the Designated Teacher and head teacher" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the commentary" })).toHaveCount(0);
  await expect(page.getByText("Values assemblies")).toHaveCount(0);
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the report as a PDF" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const path = await download.path();
  const bytes = (await import("node:fs")).readFileSync(path);
  expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
});

test("the award team moves the target date on the dashboard; a governor is shown no form", async ({
  browser,
  page,
  javaScriptEnabled,
}) => {
  const js = javaScriptEnabled !== false;
  const governor = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(governor, GOVERNOR);
  await governor.goto("/schools");
  await ready(governor);
  await follow(governor, governor.getByRole("link", { name: /Fenland/ }).first());
  await follow(governor, governor.getByRole("link", { name: "Dashboard for governors" }));
  await expect(governor.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(governor.getByText("Change the target date")).toHaveCount(0);
  const dashboard = new URL(governor.url()).pathname;

  // The award team follows a link to the form (app/src/pages/review/target_date.rs),
  // so the dashboard itself carries no form.
  await signIn(page, ASSESSOR);
  await page.goto(dashboard);
  await ready(page);
  await follow(page, page.getByRole("link", { name: "Change the target date" }));
  await expect(page.getByRole("heading", { name: "Change the target date" })).toBeVisible();
  await expectAccessible(page);
  // On a phone the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, "the target-date page scrolls sideways at 320 px").toBeLessThanOrEqual(client);
  // Each run its own date, so both runs (and a second run) change something.
  const [day, month, year, shown] = js ? ["31", "7", "2031", "31 July 2031"] : ["30", "6", "2031", "30 June 2031"];
  // A date before the start date is refused, beside the field.
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2001");
  await page.getByRole("button", { name: "Save the target date" }).click();
  await expect(page.getByRole("alert")).toContainText("The target date must be after the start date");
  await page.getByLabel("Day").fill(day);
  await page.getByLabel("Month").fill(month);
  await page.getByLabel("Year").fill(year);
  if (js) {
    // Hydrated, the form is the app's: the page is not loaded again.
    await page.evaluate(() => ((window as any).__samePage = true));
  }
  await page.getByRole("button", { name: "Save the target date" }).click();
  await expect(page.getByText("The target date has been changed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.locator(".summary-list__row", { hasText: "Target completion date" }).locator("dd")).toContainText(shown);
  if (js) {
    expect(await page.evaluate(() => (window as any).__samePage === true), "changed without a page load").toBe(true);
  }
  await expectAccessible(page);
});
