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
