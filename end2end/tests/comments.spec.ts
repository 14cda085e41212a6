import { expect, test } from "@playwright/test";
import { COORDINATOR, EDITOR, expectAccessible, follow, openPortfolio, ready, signIn } from "./helpers";

test("an editor comments and mentions the DT, who finds it in My work and resolves it", async ({ browser }, info) => {
  const js = info.project.use.javaScriptEnabled !== false;
  const words = `Could we add this term's attendance figures? (${info.project.name})`;

  // Sam, an editor, comments on the impact of 1.6 and mentions Dana, the DT
  const editor = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(editor, EDITOR);
  await openPortfolio(editor);
  await editor.getByRole("link", { name: /^1\.6 / }).click();
  await ready(editor);
  await expect(editor.getByRole("heading", { name: "Comments", exact: true })).toBeVisible();
  if (js) {
    // a phone number is caught before saving, and the text stays to be put right
    const risky = "Call the carer on 07700 900123 about this";
    await editor.locator("#comment-body").fill(risky);
    await editor.getByRole("button", { name: "Add comment" }).click();
    await expect(editor.locator("#comment-body-error")).toContainText("a phone number");
    await expect(editor.locator("#comment-body")).toHaveValue(risky);
    await expect(editor.getByLabel("It does not identify anyone")).toBeVisible();
    await expectAccessible(editor);
  }
  await editor.getByLabel("What it is about").selectOption({ label: "What is the impact of this on children & young people?" });
  await editor.locator("#comment-body").fill(words);
  await editor.locator("#comment-mention").selectOption({ label: "Dana Taylor" });
  await editor.getByRole("button", { name: "Add comment" }).click();
  await expect(editor.getByText("Your comment has been added.")).toBeVisible();
  const posted = editor.locator(".comment").filter({ hasText: words });
  await expect(posted).toBeVisible();
  await expect(posted.getByText("For Dana Taylor")).toBeVisible();
  await expect(posted.getByText(/^About: What is the impact/)).toBeVisible();
  await expectAccessible(editor);

  // Dana finds it in My work, from the header
  const dt = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(dt, COORDINATOR);
  if (js) {
    // the header counts what waits for her
    await expect(dt.locator(".header__count")).toContainText(/\d+ waiting/);
  }
  await dt.getByRole("link", { name: /^My work/ }).click();
  await ready(dt);
  await expect(dt.getByRole("heading", { name: "My work", level: 1 })).toBeVisible();
  await expect(dt.getByRole("heading", { name: /^Comments for you \(\d+\)$/ })).toBeVisible();
  const item = dt.locator(".work-list__item").filter({ hasText: words });
  await expect(item).toHaveCount(1);
  await expectAccessible(dt);

  // …opens it and resolves it
  await follow(dt, item.getByRole("link", { name: /^Comment on 1\.6 from Sam Patel/ }));
  expect(new URL(dt.url()).pathname).toMatch(/\/criteria\/1\.6$/);
  const thread = dt.locator(".comment").filter({ hasText: words });
  await expect(thread).toBeVisible();
  await expectAccessible(dt);
  await thread.getByRole("button", { name: /^Resolve/ }).click();
  await expect(dt.getByText("The comment has been resolved.")).toBeVisible();
  await expect(dt.locator(".comment--resolved").filter({ hasText: words })).toHaveCount(1);

  // it has left My work, and the page fits a 320 pixel screen
  await dt.goto("/my-work");
  await ready(dt);
  await expect(dt.locator(".work-list__item").filter({ hasText: words })).toHaveCount(0);
  await dt.setViewportSize({ width: 320, height: 800 });
  const [scroll, client] = await dt.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll, "My work scrolls sideways").toBeLessThanOrEqual(client);
});
