import { expect, test } from "@playwright/test";
import { GOVERNOR, expectAccessible, ready, signIn } from "./helpers";

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
