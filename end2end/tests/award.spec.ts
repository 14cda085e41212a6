import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ASSESSOR, expectAccessible, follow, ready, signIn } from "./helpers";

// Each run takes a demo school that has not registered yet, so the hydrated
// and the plain runs do not meet.
const SCHOOLS: Record<string, { email: string; name: string }> = {
  hydrated: { email: "coordinator@ashby.demo.caring-schools.test", name: "Ashby Primary School (demo)" },
  "no-javascript": { email: "coordinator@brigg.demo.caring-schools.test", name: "Brigg Junior School (demo)" },
};

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** Today in England, as YYYY-MM-DD. */
function todayInEngland(): string {
  return new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

/** "30 November 2029": "30 November 2026" plus `years`, a 29 February becoming the 28th. */
function yearsOn(date: string, years: number): string {
  const [dayText, monthName, yearText] = date.trim().split(" ");
  const [d, m, y] = [Number(dayText), MONTHS.indexOf(monthName) + 1, Number(yearText)];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${day} ${MONTHS[m - 1]} ${year}`;
}

async function person(browser: Browser, js: boolean, email: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js, acceptDownloads: true })).newPage();
  await signIn(page, email);
  return page;
}

/** The form around the field labelled `label`, and its "Save feedback" button. */
function saveButtonFor(page: Page, label: string) {
  return page.locator("form", { has: page.getByLabel(label) }).getByRole("button", { name: "Save feedback" });
}

async function recordDecision(team: Page, choice: string, reasons: string) {
  await team.getByRole("link", { name: "Record the board's decision" }).click();
  await ready(team);
  await expect(team.getByRole("heading", { name: "Record the board's decision" })).toBeVisible();
  await expectAccessible(team);
  await team.getByLabel(choice).check();
  await team.getByLabel("Reasons for the decision").fill(reasons);
  await team.getByRole("button", { name: "Continue" }).click();
  await expect(team.getByRole("heading", { name: "Check the decision before recording it" })).toBeVisible();
  await ready(team);
  await expectAccessible(team);
  await team.getByRole("button", { name: "Record the decision" }).click();
  await expect(team.getByText("The decision has been recorded.")).toBeVisible();
}

test("registered, submitted, returned with feedback, resubmitted, awarded and renewed", async ({ browser }, info) => {
  test.setTimeout(300_000);
  const js = info.project.use.javaScriptEnabled !== false;
  const school = SCHOOLS[info.project.name];
  const today = todayInEngland();

  // The coordinator registers the start date, checking it first.
  const coordinator = await person(browser, js, school.email);
  await expect(coordinator.getByRole("heading", { name: school.name })).toBeVisible();
  await follow(coordinator, coordinator.getByRole("link", { name: "Open the portfolio" }));
  const overview = coordinator.url();
  await follow(coordinator, coordinator.getByRole("link", { name: "Register your start date" }).first());
  await expectAccessible(coordinator);
  // the GOV.UK date input: day, month, year, whatever the browser's locale
  const [year, month, day] = today.split("-");
  const start = coordinator.getByRole("group", { name: "Start date" });
  // a missing month is said plainly, and only the month box is marked
  await start.getByLabel("Day").fill(String(Number(day)));
  await start.getByLabel("Year").fill(year);
  await coordinator.getByRole("button", { name: "Continue" }).click();
  await expect(start.getByText("Start date must include a month")).toBeVisible();
  await ready(coordinator);
  await expect(start.getByLabel("Month")).toHaveClass(/input--error/);
  await expect(start.getByLabel("Day")).not.toHaveClass(/input--error/);
  await expect(start.getByLabel("Year")).not.toHaveClass(/input--error/);
  await start.getByLabel("Day").fill(String(Number(day)));
  await start.getByLabel("Month").fill(String(Number(month)));
  await start.getByLabel("Year").fill(year);
  await coordinator.getByRole("button", { name: "Continue" }).click();
  await expect(coordinator.getByRole("heading", { name: "Check your answers before registering" })).toBeVisible();
  // …and back to change it: the boxes hold the date again
  await coordinator.getByRole("link", { name: "Change the start date" }).click();
  await ready(coordinator);
  await expect(start.getByLabel("Day")).toHaveValue(String(Number(day)));
  await expect(start.getByLabel("Month")).toHaveValue(String(Number(month)));
  await expect(start.getByLabel("Year")).toHaveValue(year);
  await coordinator.getByRole("button", { name: "Continue" }).click();
  await expect(coordinator.getByRole("heading", { name: "Check your answers before registering" })).toBeVisible();
  await ready(coordinator);
  await expectAccessible(coordinator);
  await coordinator.getByRole("button", { name: "Register the start date" }).click();
  await expect(coordinator.getByText("The start date has been registered with the award team.")).toBeVisible();
  await ready(coordinator);

  // …checks the portfolio and submits: it joins the next board meeting's agenda.
  await coordinator.getByRole("link", { name: "Check your portfolio and submit" }).click();
  await expect(coordinator.getByRole("heading", { name: "Check your portfolio before you submit" })).toBeVisible();
  await ready(coordinator);
  await expectAccessible(coordinator);
  await expect(coordinator.getByText("Goes to", { exact: true })).toBeVisible();
  await coordinator.getByLabel("The portfolio is ready to send to the award team").check();
  await coordinator.getByRole("button", { name: "Submit the portfolio" }).click();
  await expect(coordinator.getByRole("heading", { name: "Portfolio submitted" })).toBeVisible();
  await expect(coordinator.getByText(/It is on the agenda of the board meeting of/)).toBeVisible();
  await ready(coordinator);
  await expectAccessible(coordinator);

  // The award team finds it on the next meeting's agenda.
  const team = await person(browser, js, ASSESSOR);
  await expect(team.getByRole("heading", { name: "Schools and their award" })).toBeVisible();
  await expectAccessible(team);
  await team.getByRole("link", { name: "Board meetings" }).first().click();
  await ready(team);
  await expectAccessible(team);
  const coming = team.getByRole("table").first();
  await coming.getByRole("link").first().click();
  await ready(team);
  const agenda = team.getByRole("region", { name: school.name });
  await expect(agenda).toBeVisible();
  await expectAccessible(team);
  await agenda.getByRole("link", { name: /Review the portfolio/ }).click();
  await ready(team);
  await expect(team.getByRole("heading", { name: `Review: ${school.name}` })).toBeVisible();
  await expectAccessible(team);

  // Feedback on domain 3, and a note on 3.2.
  await team.getByRole("link", { name: /^Domain 3:/ }).click();
  await ready(team);
  await expect(team.getByRole("heading", { name: /Review domain 3/ })).toBeVisible();
  await expectAccessible(team);
  const domainFeedback = team.getByRole("textbox", { name: /^Feedback on domain 3/ });
  await domainFeedback.fill("Add what carers tell you, with figures.");
  await team.locator("form", { has: domainFeedback }).getByRole("button", { name: "Save feedback" }).click();
  await expect(team.getByText("The feedback has been saved.")).toBeVisible();
  await ready(team);
  const note = "Note on 3.2 (optional)";
  if (js) {
    // With JavaScript it saves itself while the assessor types.
    await team.getByLabel(note).fill("Say how often carers hear good news.");
    await expect(team.locator("form", { has: team.getByLabel(note) }).getByText("Saved", { exact: true })).toBeVisible();
    await team.reload();
    await ready(team);
  } else {
    await team.getByLabel(note).fill("Say how often carers hear good news.");
    await saveButtonFor(team, note).click();
    await expect(team.getByText("The feedback has been saved.")).toBeVisible();
  }
  await expect(team.getByLabel(note)).toHaveValue("Say how often carers hear good news.");
  await expect(domainFeedback).toHaveValue("Add what carers tell you, with figures.");

  // The school does not see a draft.
  await coordinator.goto(overview);
  await ready(coordinator);
  await expect(coordinator.getByText("Add what carers tell you")).toHaveCount(0);

  // "Not yet", checked, then recorded.
  await team.getByRole("link", { name: "Back to the review" }).click();
  await ready(team);
  await recordDecision(team, "Not yet: return it to the school with feedback", "Show the difference your practice makes.");

  // The school reads the feedback, changes what it asks for and submits again.
  await coordinator.goto(overview);
  await ready(coordinator);
  await expect(coordinator.getByRole("heading", { name: "Feedback from the award team" })).toBeVisible();
  await expect(coordinator.getByText("Show the difference your practice makes.")).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.getByRole("link", { name: /^Domain 3:/ }).first().click();
  await ready(coordinator);
  await expect(coordinator.getByText("Add what carers tell you, with figures.")).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.goto(`${overview}/criteria/3.2`);
  await ready(coordinator);
  await expect(coordinator.getByText("Say how often carers hear good news.")).toBeVisible();
  const words = "Carers hear good news from us every Friday.";
  const practice = coordinator.getByLabel("What our current practice looks like");
  if (js) {
    await expect(coordinator.locator(".status-bar__save")).toHaveText("All changes saved");
    await practice.fill(words);
    await expect(coordinator.locator(".status-bar__save")).toHaveText("All changes saved");
  } else {
    await practice.fill(words);
    await coordinator.getByRole("button", { name: "Save", exact: true }).click();
    await expect(coordinator.getByText("Your changes have been saved.")).toBeVisible();
  }
  await coordinator.goto(`${overview}/submit`);
  await ready(coordinator);
  await coordinator.getByLabel("The portfolio is ready to send to the award team").check();
  await coordinator.getByRole("button", { name: "Submit the portfolio" }).click();
  await expect(coordinator.getByRole("heading", { name: "Portfolio submitted" })).toBeVisible();

  // The award team finds the resubmission (on a later board) and awards Silver.
  await team.getByRole("link", { name: "Schools", exact: true }).click();
  await ready(team);
  await team.getByRole("row", { name: school.name }).getByRole("link", { name: "Review the portfolio" }).click();
  await ready(team);
  await expect(team.getByRole("cell", { name: "Not yet awarded" })).toBeVisible();
  await recordDecision(team, "Award Silver", "Well evidenced: the impact on children is clear.");

  // The school sees the award and its renewal date, and downloads the certificate.
  await coordinator.goto(overview);
  await ready(coordinator);
  // Awarded on the day the board met; due for renewal 3 years on.
  const achieved = coordinator.getByRole("definition").filter({ hasText: /^Silver \(/ });
  await expect(achieved).toBeVisible();
  const awardedOn = (await achieved.innerText()).replace(/^Silver \((.*)\)$/, "$1");
  await expect(coordinator.getByRole("definition").filter({ hasText: yearsOn(awardedOn, 3) })).toBeVisible();
  await expectAccessible(coordinator);
  const [download] = await Promise.all([
    coordinator.waitForEvent("download"),
    coordinator.getByRole("link", { name: "Download the award certificate (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/certificate\.pdf$/);
  expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe("%PDF-");

  // The dashboard shows the award; the coordinator can see who downloaded what.
  await coordinator.goto(`${overview}/dashboard`);
  await ready(coordinator);
  await expect(coordinator.getByText("Silver award")).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.goto(overview);
  await ready(coordinator);
  await coordinator.getByRole("link", { name: school.name }).first().click();
  await ready(coordinator);
  await coordinator.getByRole("link", { name: "Who downloaded evidence and packs" }).click();
  await ready(coordinator);
  await expect(coordinator.getByRole("heading", { name: "Who downloaded what" })).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.goto(overview);
  await ready(coordinator);

  // The renewal starts from last cycle's text.
  await coordinator.getByRole("button", { name: "Start the renewal" }).click();
  await expect(coordinator.getByText("The renewal has started.")).toBeVisible();
  await ready(coordinator);
  await expect(coordinator.getByRole("heading", { name: "The award this renews" })).toBeVisible();
  const renewal = coordinator.url();
  expect(renewal).not.toBe(overview);
  await coordinator.goto(`${renewal.split("?")[0]}/criteria/3.2`);
  await ready(coordinator);
  await expect(coordinator.getByText("Carried over", { exact: true })).toBeVisible();
  await expect(coordinator.getByLabel("What our current practice looks like")).toHaveValue(words);
  await expectAccessible(coordinator);
});

test("the award team's pages fit a 320 pixel screen", async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const page = await (
    await browser.newContext({ javaScriptEnabled: js, viewport: { width: 320, height: 800 } })
  ).newPage();
  await signIn(page, ASSESSOR);
  const fits = async (what: string) => {
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(client);
  };
  await fits("the authority's schools");
  // At 320 px the header's links sit behind its Menu button: use the page's own.
  await ready(page);
  await page.getByRole("main").getByRole("link", { name: "Board meetings" }).click();
  await ready(page);
  await fits("the board's meetings");
  await page.getByRole("table").first().getByRole("link").first().click();
  await ready(page);
  await fits("a meeting's agenda");
  const holbeach = page.getByRole("region", { name: "Holbeach Secondary School (demo)" });
  await holbeach.getByRole("link", { name: /Review the portfolio/ }).click();
  await ready(page);
  await fits("the review");
  await page.getByRole("link", { name: /^Domain 1:/ }).click();
  await ready(page);
  await fits("a domain's review");
  await page.getByRole("link", { name: "Back to the review" }).click();
  await ready(page);
  await page.getByRole("link", { name: "Record the board's decision" }).click();
  await ready(page);
  await fits("the decision");
});
