import { expect, test, type Page } from "@playwright/test";
import { ASSESSOR, COORDINATOR, GOVERNOR, expectAccessible, follow, ready, signIn } from "./helpers";

async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

async function school(page: Page) {
  await page.goto("/schools");
  await ready(page);
  await follow(page, page.getByRole("link", { name: /Fenland/ }).first());
}

test("the DT closes a day, records a PEP before half term, ticks duties and finalises it", async ({
  page,
}, info) => {
  // Each project records its own pupil (one server serves both runs).
  const reference = info.project.name === "hydrated" ? "PEP-H1" : "PEP-N1";
  await signIn(page, COORDINATOR);
  await school(page);
  await page.getByRole("link", { name: "School calendar" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { level: 1, name: "School calendar" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^School year \d{4}\/\d{2}$/ }).first()).toBeVisible();
  await expectAccessible(page);

  // An INSET day on Monday 2 November 2026, the first day after half term
  // (the other project's run may have added it already).
  const inset = page
    .getByRole("region", { name: "Closure days" })
    .getByRole("cell", { name: "2 November 2026", exact: true });
  if ((await inset.count()) === 0) {
    await fillDate(page, "First day closed", "2", "11", "2026");
    await page.getByLabel("Reason").fill("INSET day");
    await page.getByRole("button", { name: "Add closure" }).click();
    await ready(page);
    await expect(inset).toBeVisible();
  }

  await page.getByRole("link", { name: "PEP meetings" }).first().click();
  await ready(page);
  await expect(page.getByRole("heading", { level: 1, name: "PEP meetings" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Record a PEP meeting" }).click();
  await ready(page);
  await expectAccessible(page);

  await page.getByLabel("Pupil reference").fill(reference);
  await page.getByLabel("Looked after", { exact: true }).check();
  await page.getByLabel("Year group").selectOption("5");
  await page.getByLabel("Placing authority").fill("Lincolnshire");
  // Friday 23 October 2026, the last day before Lincolnshire's autumn half term.
  await fillDate(page, "Date of the PEP meeting", "23", "10", "2026");
  await page.getByLabel("Chaired by").fill("Designated Teacher");
  await page.getByRole("button", { name: "Record the meeting" }).click();
  await ready(page);

  await expect(
    page.getByRole("heading", { level: 1, name: `PEP meeting: ${reference}` }),
  ).toBeVisible();
  // Half term and the INSET day are skipped: 3, 4, 5, 6 and 9 November.
  await expect(page.getByText("9 November 2026 (5 school days after the meeting)")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Pupil views captured").check();
  await page.getByLabel("SDQ done").check();
  await page.getByLabel("PP+ amount costed (optional)").fill("850");
  await page.getByRole("button", { name: "Save duties" }).click();
  await ready(page);
  await expect(page.getByText("Duties saved.")).toBeVisible();
  await expect(page.getByLabel("Pupil views captured")).toBeChecked();
  await expect(page.getByLabel("SDQ done")).toBeChecked();
  await expect(page.getByLabel("ePEP updated")).not.toBeChecked();
  await expect(page.getByLabel("PP+ amount costed (optional)")).toHaveValue("850.00");

  await fillDate(page, "Date the ePEP was finalised", "6", "11", "2026");
  await page.getByRole("button", { name: "Record as finalised" }).click();
  await ready(page);
  await expect(page.getByText("The ePEP is recorded as finalised.")).toBeVisible();
  await expect(page.locator("strong.tag").first()).toHaveText("Finalised on time");
  await expectAccessible(page);

  // The DT's page lists it, with the figures of its term.
  await page.getByRole("link", { name: "PEP meetings" }).first().click();
  await ready(page);
  // (in this term's list, or under "All PEP meetings" once the term has moved on)
  await expect(page.locator('a[href^="/peps/"]', { hasText: reference })).not.toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Designated Teacher self-audit" })).toBeVisible();
});

test("a governor sees the school's PEP figures and no pupil", async ({ page }) => {
  await signIn(page, GOVERNOR);
  await school(page);
  const schoolUrl = page.url();
  await expect(page.getByRole("link", { name: "PEP meetings" })).toHaveCount(0);
  await page.getByRole("link", { name: "Dashboard for governors" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { name: "Personal Education Plans" })).toBeVisible();
  const held = page.locator(".summary-list__row", { hasText: /PEP meetings held in \d{4}\/\d{2}/ });
  await expect(held.locator("dd")).toHaveText(/^(\d+|Fewer than 5)$/);
  await expect(page.getByText(/PEP-\w+/)).toHaveCount(0);
  await expectAccessible(page);
  // The tracker itself is the staff's.
  const response = await page.goto(`${schoolUrl}/peps`);
  expect(response?.status()).toBe(403);
});

test("the Virtual School sees PEPs across its schools, without a pupil", async ({ page }) => {
  await signIn(page, ASSESSOR);
  await page.getByRole("link", { name: "PEPs across schools (Virtual School)" }).click();
  await ready(page);
  await expect(page.getByRole("heading", { level: 1, name: "PEPs across schools" })).toBeVisible();
  const fenland = page.getByRole("row", { name: /Fenland/ });
  await expect(fenland).toBeVisible();
  await expect(fenland).toContainText(/in place/);
  await expect(page.getByText(/PEP-\w+/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download as a spreadsheet (CSV)" })).toBeVisible();
  await expectAccessible(page);
});
