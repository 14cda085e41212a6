import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ASSESSOR, COORDINATOR, expectAccessible, openPortfolio, ready, signIn } from "./helpers";

test("the coordinator downloads the pack and submits; the award team reopens it", async ({ browser }) => {
  const school = await (await browser.newContext()).newPage();
  await signIn(school, COORDINATOR);
  await openPortfolio(school);
  const overview = school.url();

  // the pack: a ZIP, whole
  const [download] = await Promise.all([
    school.waitForEvent("download"),
    school.getByRole("link", { name: "Download the submission pack (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zip = readFileSync(await download.path());
  expect(zip.subarray(0, 2).toString()).toBe("PK");
  expect(zip.includes(Buffer.from("portfolio.pdf"))).toBe(true);
  expect(zip.includes(Buffer.from("evidence-index.csv"))).toBe(true);

  // submitting: the check first, then the box ticked
  await school.getByRole("link", { name: "Check your portfolio and submit" }).click();
  await ready(school);
  await expect(school.getByRole("button", { name: "Submit the portfolio" })).toBeVisible();
  await expectAccessible(school);
  await school.getByLabel("The portfolio is ready to send to the award team").check();
  await school.getByRole("button", { name: "Submit the portfolio" }).click();
  await expect(school.getByRole("heading", { name: "Portfolio submitted" })).toBeVisible();
  await expect(school.getByText("The portfolio has been submitted to the award team.")).toBeVisible();
  await school.goto(overview);
  await ready(school);
  await expect(school.getByText("This portfolio has been submitted. It can be read but no longer changed.")).toBeVisible();
  await expect(school.getByRole("link", { name: "Check your portfolio and submit" })).toHaveCount(0);
  // nothing on a criterion can be changed now
  await school.goto(`${overview}/criteria/1.1`);
  await ready(school);
  await expect(school.getByText("This portfolio has been submitted.").first()).toBeVisible();
  await expect(school.getByRole("heading", { name: "What our current practice looks like" })).toBeVisible();
  await expect(school.locator("textarea")).toHaveCount(0);

  // the award team opens it again
  const team = await (await browser.newContext()).newPage();
  await signIn(team, ASSESSOR);
  await team.goto(overview);
  await ready(team);
  await team.getByRole("button", { name: "Reopen the portfolio for the school" }).click();
  await expect(team.getByText("The portfolio is open to the school again.")).toBeVisible();
  await school.goto(`${overview}/criteria/1.1`);
  await ready(school);
  await expect(school.getByLabel("What our current practice looks like")).toBeEditable();
});
