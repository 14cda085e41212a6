import { expect, test, type Page } from "@playwright/test";
import { COORDINATOR, EDITOR, expectAccessible, ready, signIn } from "./helpers";

/** The demo portfolio's address, e.g. `/portfolios/1`. */
async function portfolioHref(page: Page): Promise<string> {
  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  const href = await page.getByRole("link", { name: "Open the portfolio" }).getAttribute("href");
  expect(href).toMatch(/^\/portfolios\/\d+$/);
  return href!;
}

function pdf(label: string, size: number): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), "x")]);
}

async function openDomain(page: Page, n: number) {
  const details = page.locator("details.criteria-choice", { hasText: `Domain ${n}:` });
  if ((await details.getAttribute("open")) === null) {
    await details.locator("summary").click();
  }
}

test("upload with progress, link to two criteria, per-domain count, identifier warning", async ({
  page,
  javaScriptEnabled,
}) => {
  test.skip(javaScriptEnabled === false, "the progress bar and live warnings need JavaScript");
  await signIn(page, COORDINATOR);
  const portfolio = await portfolioHref(page);
  await page.goto(`${portfolio}/evidence/new?criterion=1.4`);
  await ready(page);
  await expect(page.getByRole("heading", { name: "Add evidence" })).toBeVisible();

  const stamp = Date.now();
  const title = `Trips and visits policy ${stamp}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind of evidence").selectOption("policy");
  const description = page.getByLabel("Description (optional)");
  // the warning appears while typing, naming what was found
  await description.fill("Written after a trip with a pupil born 12/03/2015.");
  const warning = page.locator("#description-identifiers");
  await expect(warning).toContainText("This may identify a child");
  await expect(warning).toContainText("A date of birth (12/03/2015) in the description");
  await expectAccessible(page);
  await description.fill("How we plan trips so every child in care can go.");
  await expect(warning).toHaveCount(0);

  await expect(page.locator("#criterion-1-4")).toBeChecked();
  await openDomain(page, 2);
  await page.locator("#criterion-2-3").check();
  await page.getByLabel(/I confirm this evidence is anonymised/).check();
  await page.locator("#file").setInputFiles({
    name: "Trips policy.pdf",
    mimeType: "application/pdf",
    buffer: pdf(title, 3_000_000),
  });

  // a slow connection, so the progress can be seen
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 1_000_000,
  });
  await page.getByRole("button", { name: "Save evidence" }).click();
  const progress = page.locator("progress#upload-progress");
  await expect(progress).toBeVisible();
  await expect
    .poll(async () => Number((await progress.getAttribute("value")) ?? "0"), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await page.waitForURL(/\/criteria\/1\.4/, { timeout: 30_000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await ready(page);
  const section = page.locator("#evidence");
  await expect(section.getByRole("link", { name: title })).toBeVisible();
  await expect(section).toContainText("Evidence for this domain:");

  // the item shows both criteria; the library counts it in domains 1 and 2
  await section.getByRole("link", { name: title }).click();
  await ready(page);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator(".summary-list")).toContainText("1.4");
  await expect(page.locator(".summary-list")).toContainText("2.3");
  await expect(page.getByRole("link", { name: "Trips policy.pdf" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${portfolio}/evidence?criterion=2.3`);
  await ready(page);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  for (const n of [1, 2]) {
    await expect(page.locator(`td[data-domain-count="${n}"]`)).toHaveText(/\d+ items?/);
  }
  await expectAccessible(page);
});

test("a plain form upload works without JavaScript, warnings included", async ({ page }) => {
  await signIn(page, EDITOR);
  const portfolio = await portfolioHref(page);
  await page.goto(`${portfolio}/evidence/new?criterion=3.2`);
  await ready(page);
  const stamp = Date.now();
  const title = `Carers' thank-you card ${stamp}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind of evidence").selectOption("voice");
  await page.getByLabel("Description (optional)").fill("Card from a carer; child's DOB 01/02/2016 on the back.");
  await page.getByLabel(/I confirm this evidence is anonymised/).check();
  await page.locator("#file").setInputFiles({
    name: "card.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Thank you for all you do for our girl.\n"),
  });
  await page.getByRole("button", { name: "Save evidence" }).click();
  await ready(page);
  // the server checks again: the form comes back with the warning, text kept
  const problem = page.locator("#upload-problem");
  await expect(problem).toContainText("There is a problem");
  await expect(problem).toContainText("A date of birth (01/02/2016) in the description");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.locator("#criterion-3-2")).toBeChecked();

  // keep it knowingly; the file must be chosen again
  await page.getByLabel(/I confirm this evidence is anonymised/).check();
  await page.getByLabel(/I have checked the warning above/).check();
  await page.locator("#file").setInputFiles({
    name: "card.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Thank you for all you do for our girl.\n"),
  });
  await page.getByRole("button", { name: "Save evidence" }).click();
  await page.waitForURL(/\/criteria\/3\.2/);
  await ready(page);
  await expect(page.locator("#evidence").getByRole("link", { name: title })).toBeVisible();
  await page.locator("#evidence").getByRole("link", { name: title }).click();
  await ready(page);
  await expect(page.getByText("Identifier warnings kept")).toBeVisible();
  await expect(page.getByText(/“01\/02\/2016” kept by/)).toBeVisible();
});
