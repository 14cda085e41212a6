import { expect, test } from "@playwright/test";
import { COORDINATOR, GOVERNOR, expectAccessible, ready, signIn } from "./helpers";

test("the sign-in page is accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await ready(page);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password is explained without saying which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await ready(page);
  await page.getByLabel("Email address").fill(COORDINATOR);
  await page.getByLabel("Password").fill("not the right one");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("There is a problem")).toBeVisible();
  await expect(page.getByRole("link", { name: "The email address or password is not right" })).toBeVisible();
  await expectAccessible(page);
});

test("the coordinator sees the portfolio and the framework reader", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: /Fenland Primary School/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Caring2Learn Caring Schools Award" })).toBeVisible();
  await expect(page.getByText(/of 30/).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Manage members" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: /Read the framework/ }).click();
  await ready(page);
  await expect(page.getByRole("heading", { level: 1, name: "Caring2Learn Caring Schools Award" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Working Together with Carers/ })).toBeVisible();
  await expect(page.locator("article.criterion")).toHaveCount(30);
  await expectAccessible(page);

  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  await page.getByRole("link", { name: "Manage members" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Gill Owen/ })).toBeVisible();
  await expectAccessible(page);
});

test("the coordinator makes an invitation link", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await page.getByRole("link", { name: "Manage members" }).click();
  await ready(page);
  await page.getByLabel("Governor").check();
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByRole("heading", { name: "Invitation link created" })).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
});

test("the governor reads without edit controls", async ({ page }) => {
  await signIn(page, GOVERNOR);
  await expect(page.getByRole("heading", { level: 1, name: /Fenland Primary School/ })).toBeVisible();
  await expect(page.getByText("You cannot change it")).toBeVisible();
  await expect(page.getByRole("link", { name: "Manage members" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expectAccessible(page);
  const members = await page.goto(page.url() + "/members");
  expect(members?.status()).toBe(403);
});

test("the page works at 320 pixels wide", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, COORDINATOR);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  await page.goto("/frameworks/caring2learn");
  await ready(page);
  const overflowReader = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflowReader).toBe(false);
});

test("an unknown page says so", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});
