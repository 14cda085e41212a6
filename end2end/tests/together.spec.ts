import { expect, test, type Browser, type Page } from "@playwright/test";
import { COORDINATOR, EDITOR, expectAccessible, openCriterion, signIn } from "./helpers";

// Writing together needs scripts; the plain-form path is tested below.
test.describe("writing together", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, "needs JavaScript");

  async function person(browser: Browser, email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    return page;
  }

  const practice = (page: Page) => page.getByLabel("What our current practice looks like");

  async function typeAtEnd(page: Page, text: string) {
    await practice(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(text, { delay: 15 });
  }

  /** `part`'s characters appear in `whole` in order (other characters may come between). */
  function holdsInOrder(whole: string, part: string): boolean {
    let at = 0;
    for (const ch of part) {
      at = whole.indexOf(ch, at);
      if (at < 0) return false;
      at += 1;
    }
    return true;
  }

  test("two people type in one field at once and both see the merged text", async ({ browser }) => {
    const a = await person(browser, COORDINATOR);
    const b = await person(browser, EDITOR);
    await openCriterion(a, "4.2");
    await openCriterion(b, "4.2");
    const before = await practice(a).inputValue();
    const stamp = Date.now();
    const alpha = ` Alpha wrote this ${stamp}.`;
    const beta = ` Beta wrote that ${stamp}.`;
    await Promise.all([typeAtEnd(a, alpha), typeAtEnd(b, beta)]);
    // Both typed at the same spot at the same moment. The merge keeps every
    // character of both, in each person's order; which sentence comes first,
    // and whether a first letter typed in the same instant lands on the other
    // side of the other's sentence, is the merge's choice.
    for (const page of [a, b]) {
      await expect(page.locator(".status-bar__save")).toHaveText("All changes saved");
      await expect(practice(page)).toHaveValue(/wrote this/);
      await expect(practice(page)).toHaveValue(/wrote that/);
    }
    await expect.poll(async () => (await practice(a).inputValue()).length).toBe(
      before.length + alpha.length + beta.length,
    );
    const merged = await practice(a).inputValue();
    expect(await practice(b).inputValue()).toBe(merged);
    expect(merged.startsWith(before)).toBe(true);
    expect(holdsInOrder(merged, alpha)).toBe(true);
    expect(holdsInOrder(merged, beta)).toBe(true);
    await expectAccessible(a);
    // and it is stored: a fresh load shows it
    await a.reload();
    await expect(practice(a)).toHaveValue(merged);
  });

  test("each sees who else is on the criterion", async ({ browser }) => {
    const a = await person(browser, COORDINATOR);
    const b = await person(browser, EDITOR);
    await openCriterion(a, "4.4");
    await openCriterion(b, "4.4");
    await expect(a.getByText("Sam Patel is here")).toBeVisible();
    await expect(b.getByText("Dana Taylor is here")).toBeVisible();
    // the domain page lists them against the criterion
    await b.getByRole("link", { name: /^Domain 4/ }).click();
    await expect(b.getByRole("heading", { level: 1 })).toContainText("Working Together with Professionals");
    await expect(b.getByRole("row", { name: /4\.4/ })).toContainText("Dana Taylor is here");
  });

  test("offline typing is kept on the device and arrives later", async ({ browser }) => {
    const a = await person(browser, COORDINATOR);
    const b = await person(browser, EDITOR);
    // The network between A's browser and the server, which we can cut.
    let cut = false;
    const open: { close: () => Promise<void> }[] = [];
    await a.context().routeWebSocket(/\/collab$/, (ws) => {
      if (cut) {
        ws.close({ code: 1006 });
        return;
      }
      ws.connectToServer();
      open.push(ws);
    });
    await openCriterion(a, "4.3");
    await openCriterion(b, "4.3");
    cut = true;
    await a.context().setOffline(true);
    await Promise.all(open.map((ws) => ws.close()));
    await expect(a.locator(".status-bar__save")).toHaveText("Offline – changes kept on this device");
    const words = ` Typed while offline ${Date.now()}.`;
    await typeAtEnd(a, words);
    // the tab is closed while still offline: only the draft on this device has it
    await a.close();
    await expect(practice(b)).not.toHaveValue(new RegExp(words));
    // back online, the person opens the page again
    const again = await a.context().newPage();
    cut = false;
    await again.context().setOffline(false);
    await openCriterion(again, "4.3");
    await expect(practice(again)).toHaveValue(new RegExp(words));
    await expect(practice(b)).toHaveValue(new RegExp(words));
  });
});

test("without JavaScript a criterion is saved with the form", async ({ page }, info) => {
  test.skip(info.project.use.javaScriptEnabled !== false, "the plain form path");
  await signIn(page, EDITOR);
  await page.goto("/schools");
  await page.getByRole("link", { name: /Fenland/ }).first().click();
  const href = await page.getByRole("link", { name: "Open the portfolio" }).getAttribute("href");
  await page.goto(`${href}/criteria/4.5`);
  const field = page.getByLabel("Proposed actions / next steps for development");
  await field.fill("Review the information-sharing protocol with the Virtual School.");
  await page.getByLabel("Status").selectOption("drafting");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your changes have been saved.")).toBeVisible();
  await expect(field).toHaveValue("Review the information-sharing protocol with the Virtual School.");
  await page.getByRole("link", { name: "See who changed what" }).click();
  await expect(page.getByRole("cell", { name: "Sam Patel" }).first()).toBeVisible();
});
