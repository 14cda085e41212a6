import { expect, test, type Page } from "@playwright/test";
import { COORDINATOR, expectAccessible, ready, signIn } from "./helpers";

/** A carer's pages are plain HTML: loaded, and not a script of the app's on them. */
async function loaded(carer: Page) {
  await carer.waitForLoadState("load");
  await expect(carer.locator('script[type="module"], link[rel="modulepreload"], link[href^="/pkg/"][href$=".wasm"]')).toHaveCount(0);
}

test("a carer answers the survey on a phone, with or without JavaScript", async ({
  page,
  browser,
  javaScriptEnabled,
}) => {
  // staff start the carers' survey and open it
  await signIn(page, COORDINATOR);
  await page.goto("/schools");
  await ready(page);
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  await ready(page);
  await page.getByRole("link", { name: "Surveys of carers, pupils and staff" }).click();
  await ready(page);
  await page.getByLabel("Start from").selectOption("voice-of-the-carer");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { name: "What carers think of our school" })).toBeVisible();
  await page.getByRole("button", { name: "Open the survey" }).click();
  await ready(page);
  const link = await page.getByLabel("Link to the survey").inputValue();
  // absolute, from the site's public address (here the address it listens on)
  expect(link.startsWith(`${new URL(page.url()).origin}/s/`)).toBe(true);
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("img", { name: "QR code that opens the survey" })).toBeVisible();
  await expect(page.getByText(/Results are shown once at least 5 people have answered/)).toBeVisible();

  // staff see it as carers will: a whole document, even from the hydrated
  // page (the browser build holds none of the carers' pages)
  const asCarers = page.getByRole("link", { name: "Open the survey as people will see it" });
  // the router leaves the link to the browser
  await expect(asCarers).toHaveAttribute("rel", "external");
  await asCarers.click();
  await page.waitForURL((url) => url.pathname === new URL(link).pathname);
  await loaded(page);
  await expect(page.getByRole("heading", { name: "What carers think of our school" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send my answers" })).toBeVisible();
  await page.goBack();
  await ready(page);
  await expect(page.getByLabel("Link to the survey")).toHaveValue(link);

  // a carer with a phone, no account
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled,
    isMobile: true,
    hasTouch: true,
  });
  const carer = await phone.newPage();
  await carer.goto(new URL(link, page.url()).pathname);
  await loaded(carer);
  await expect(carer.getByRole("heading", { name: "What carers think of our school" })).toBeVisible();
  await expect(carer.getByText("Please do not write the name of any child").first()).toBeVisible();
  await carer.getByText("Who sees your answers").click();
  await expect(carer.getByText(/we do not keep your internet address/)).toBeVisible();
  if (javaScriptEnabled !== false) {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    const results = await new AxeBuilder({ page: carer })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  // nothing fits the page's width badly
  const overflow = await carer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // sending with a question missed: told next to the question, choices kept
  await carer.locator("#q_q1-0").check();
  await carer.getByRole("button", { name: "Send my answers" }).click();
  await loaded(carer);
  await expect(carer.getByRole("alert")).toContainText("There is a problem");
  await expect(carer.locator("#q_q2-error")).toContainText("Choose an answer to this question");
  await expect(carer.locator("#q_q1-0")).toBeChecked();

  for (const q of ["q2", "q3", "q4", "q5"]) {
    await carer.locator(`#q_${q}-1`).check();
  }
  await carer.locator("#q_q6-0").check();
  await carer.getByLabel(/anything the school could do better/).fill("Texts about good days, please.");
  await carer.getByRole("button", { name: "Send my answers" }).click();
  await loaded(carer);
  await expect(carer.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await phone.close();

  // one answer: results still hidden
  await page.reload();
  await ready(page);
  await expect(page.getByText(/1 person has answered so far/)).toBeVisible();
  await expectAccessible(page);
});
