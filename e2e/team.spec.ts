// A team forming and its review loop closing: a project with an invited newcomer, a rejected
// translation with a suggestion that the translator accepts, a rejected note the researcher hears
// about and answers, bulk approval and undo in the queue, and an owner removing a duplicate.
import { readFileSync } from 'node:fs';
import { ANON_KEY, API_URL, expect, expectNoSeriousA11yViolations, runToken, test } from './fixtures.ts';
import { DEMO_TITLE } from './pages/library-page.ts';
import type { WorkspacePage } from './pages/workspace-page.ts';

// Each flow passes between two or three people and reloads as they would.
test.describe.configure({ timeout: 240_000 });

const SHORT_EXPORT = readFileSync(new URL('./fixtures/short-export.txt', import.meta.url), 'utf8');

/**
 * "Mark translated" on row n. These flows are about review, not the quality checks: when the checks
 * hold the row back (a date of the source missing from the English, say), the translator confirms.
 */
async function markTranslated(workspace: WorkspacePage, n: number) {
  const row = workspace.row(n);
  await row.getByRole('button', { name: 'Mark translated' }).click();
  const anyway = row.getByRole('button', { name: 'Mark translated anyway' });
  await expect(row.getByText('Translated', { exact: true }).or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(row.getByText('Translated', { exact: true })).toBeVisible();
}

test('an owner creates a project and invites a new address; that person signs up and lands in it with the role', async ({ owner, browser, baseURL }) => {
  const token = runToken('team');
  const projectName = `Treaty archive ${token}`;
  const email = `newcomer-${token}@example.com`;

  await owner.library.goto();
  await owner.page.getByRole('textbox', { name: 'Project name' }).fill(projectName);
  await owner.page.getByRole('button', { name: 'Create project' }).click();
  const project = owner.library.project(projectName);
  await expect(project.getByRole('heading', { name: projectName })).toBeVisible();
  await expect(project.getByRole('paragraph').filter({ hasText: 'Your roles:' })).toContainText('Owner');

  await project.getByText('Members and roles').click();
  await project.getByLabel('Invite by email').fill(email);
  await project.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await project.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(project.getByRole('status')).toContainText(email);
  await expect(project.getByRole('region', { name: 'Pending invitations' })).toContainText(email);
  await expectNoSeriousA11yViolations(owner.page);

  // The newcomer has no account: they create one from the sign-in page.
  const context = await browser.newContext({ baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('abc');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is too weak: use at least 6 characters.');
  await page.getByLabel('Password').fill(`pw-${token}`);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Welcome' })).toContainText(`${projectName}, as Reviewer`);
  const joined = page.getByRole('region', { name: projectName });
  await expect(joined.getByRole('paragraph').filter({ hasText: 'Your roles:' })).toContainText('Reviewer');
  // A reviewer somewhere gets the Review link; the welcome notification says who added them.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Review/ })).toBeVisible();
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(`added you to ${projectName} as Reviewer`);

  // Signing out and in again works with the password chosen at sign-up.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(`pw-${token}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('region', { name: projectName })).toBeVisible();

  // Signed in on a second device as well: "Sign out everywhere" ends that session too.
  const elsewhere = await browser.newContext({ baseURL: baseURL! });
  const otherDevice = await elsewhere.newPage();
  await otherDevice.goto('/sign-in');
  await otherDevice.getByLabel('Email').fill(email);
  await otherDevice.getByLabel('Password').fill(`pw-${token}`);
  await otherDevice.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherDevice.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  const otherRefreshToken = await otherDevice.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('-auth-token'));
    return key ? (JSON.parse(localStorage.getItem(key)!) as { refresh_token: string }).refresh_token : '';
  });
  await page.getByRole('button', { name: `Account: ${email}` }).click();
  await page.getByRole('region', { name: 'Account' }).getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out on every device.');
  const refresh = await fetch(`${API_URL}/auth/v1/token?grant_type=refresh_token`, {
    method: 'POST',
    headers: { apikey: ANON_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: otherRefreshToken }),
  });
  expect(refresh.status).toBe(400);
  await elsewhere.close();

  // The owner's pending list empties; the newcomer is a member.
  await owner.page.reload();
  const own = owner.library.project(projectName);
  await own.getByText('Members and roles').click();
  const newcomerRows = own.getByRole('table', { name: `Members of ${projectName}` }).getByRole('row').filter({ hasText: email });
  await expect(newcomerRows).toHaveCount(1);
  await expect(own.getByRole('region', { name: 'Pending invitations' })).toHaveCount(0);

  // A second role for someone with an account is added at once; turning their reviewer role into
  // the translator role they already hold merges the two rows instead of leaving a phantom one.
  await own.getByLabel('Invite by email').fill(email);
  await own.getByLabel('Role', { exact: true }).selectOption('translator');
  await own.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(own.getByRole('status').filter({ hasText: email })).toContainText('is now a member');
  await expect(newcomerRows).toHaveCount(2);
  const asReviewer = newcomerRows.filter({ has: owner.page.getByRole('button', { name: /^Remove .* as Reviewer$/ }) });
  await asReviewer.getByRole('combobox', { name: /^Role of / }).selectOption('translator');
  await expect(newcomerRows).toHaveCount(1);
  await expect(newcomerRows.getByRole('combobox', { name: /^Role of / })).toHaveValue('translator');
  await owner.page.reload();
  await own.getByText('Members and roles').click();
  await expect(newcomerRows).toHaveCount(1);

  // Removing asks first; cancelling keeps the member.
  await newcomerRows.getByRole('button', { name: /^Remove / }).click();
  const confirm = owner.page.getByRole('dialog', { name: /^Remove .*\?$/ });
  await expect(confirm).toContainText(`no longer be Translator in ${projectName}`);
  await expectNoSeriousA11yViolations(owner.page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(newcomerRows).toHaveCount(1);
  await newcomerRows.getByRole('button', { name: /^Remove / }).click();
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(newcomerRows).toHaveCount(0);

  // A pending invitation can be revoked.
  const other = `later-${token}@example.com`;
  await own.getByLabel('Invite by email').fill(other);
  await own.getByRole('button', { name: 'Invite', exact: true }).click();
  const pending = own.getByRole('region', { name: 'Pending invitations' });
  await expect(pending).toContainText(other);
  await pending.getByRole('button', { name: `Revoke the invitation of ${other} as Translator` }).click();
  await expect(pending).toHaveCount(0);
  await context.close();

  // Signing up with a used address is refused in words.

  const again = await browser.newContext({ baseURL: baseURL! });
  const second = await again.newPage();
  await second.goto('/sign-up');
  await second.getByLabel('Email').fill(email);
  await second.getByLabel('Password').fill(`pw-${token}-2`);
  await second.getByRole('button', { name: 'Create account' }).click();
  await expect(second.getByRole('alert')).toContainText('An account already uses this email address');
  await again.close();
});

test('a reviewer rejects a translation with a suggestion; the translator sees why, accepts it, and it is approved', async ({ translator, reviewer }) => {
  const token = runToken('p21');
  const text = `The two sides agree to deepen the cooperation in energy ${token}`;
  const suggestion = `Both sides agreed to deepen energy cooperation ${token}`;

  await translator.workspace.open();
  await translator.workspace.replaceTranslation(21, text);
  await markTranslated(translator.workspace, 21);
  await translator.workspace.waitUntilSaved();
  // Translators review nowhere: no Review link for them.
  await expect(translator.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Review/ })).toHaveCount(0);

  await reviewer.library.goto();
  await reviewer.review.open();
  const item = reviewer.review.item(token);
  // The card's link opens the document at that row, focused.
  await item.getByRole('link', { name: 'Open paragraph 21' }).click();
  await expect(reviewer.page).toHaveURL(/\/documents\/[^?]+\?p=21$/);
  await expect(reviewer.workspace.row(21)).toBeFocused();
  await reviewer.page.goBack();
  await item.getByLabel('Comment').fill(`Past tense, and no article ${token}`);
  await item.getByRole('textbox', { name: 'Suggested translation' }).fill(suggestion);
  await item.getByRole('button', { name: 'Reject' }).click();
  await expect(item).toHaveCount(0);
  await expect(reviewer.page.getByRole('status').filter({ hasText: 'Rejected paragraph 21' })).toBeVisible();
  await expect(reviewer.page.getByRole('button', { name: 'Undo' })).toBeVisible();

  await translator.page.reload();
  await translator.workspace.goTo(21);
  const review = translator.workspace.row(21).getByRole('region', { name: 'Review of paragraph 21' });
  await expect(review).toContainText('Rejected');
  await expect(review).toContainText('by Demo Reviewer');
  await expect(review).toContainText(`Past tense, and no article ${token}`);
  const diff = review.getByLabel('Changes the reviewer suggests in paragraph 21');
  await expect(diff.locator('del')).toContainText(['The two']);
  await expect(diff.locator('ins').first()).toContainText('Both');
  await expectNoSeriousA11yViolations(translator.page);
  await review.getByRole('button', { name: 'Accept suggestion' }).click();
  await translator.workspace.waitUntilSaved();
  await expect(translator.workspace.translation(21)).toContainText(suggestion);
  await expect(translator.workspace.row(21).getByText('Translated', { exact: true })).toBeVisible();

  await reviewer.page.reload();
  await reviewer.review.approve(reviewer.review.item(suggestion));

  await translator.page.reload();
  await translator.workspace.goTo(21);
  await expect(translator.workspace.row(21).getByText('Approved', { exact: true })).toBeVisible();
  // The row's history: each version with what changed, and both decisions.
  await translator.workspace.row(21).getByRole('button', { name: 'History of paragraph 21' }).click();
  const history = translator.page.getByRole('dialog', { name: 'History of paragraph 21' });
  await expect(history.getByRole('listitem').filter({ hasText: 'Rejected' })).toContainText(`Past tense, and no article ${token}`);
  await expect(history.getByRole('listitem').filter({ hasText: 'Approved' }).first()).toBeVisible();
  await expect(history.getByLabel(/^Changes in version/).last().locator('ins').first()).toContainText('Both');
  await expectNoSeriousA11yViolations(translator.page);
  // Restoring the first wording makes it a new draft.
  await history.getByRole('button', { name: /^Restore version \d+ as a new draft$/ }).first().click();
  await expect(history).toHaveCount(0);
  await translator.workspace.waitUntilSaved();
  await expect(translator.workspace.translation(21)).toContainText(text);
  await expect(translator.workspace.row(21).getByText('Draft', { exact: true })).toBeVisible();
});

test('a researcher is notified of a rejected note, follows the link, replies and resubmits', async ({ researcher, reviewer }) => {
  const token = runToken('note22');
  await researcher.workspace.open();
  await researcher.workspace.goTo(22);
  await researcher.workspace.row(22).getByRole('button', { name: 'Add note to paragraph 22' }).click();
  await researcher.workspace.writeNote(22, `Which agreement is meant here? ${token}`, { kind: 'Question' });

  await reviewer.library.goto();
  await reviewer.review.open();
  await reviewer.page.getByLabel('Kind', { exact: true }).selectOption('annotation');
  await reviewer.review.reject(reviewer.review.item(token), `Cite the agreement by name ${token}`);

  await researcher.page.goto('/');
  const bell = researcher.page.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toContainText(/[1-9]/);
  await bell.click();
  const panel = researcher.page.getByRole('region', { name: 'Notifications' });
  const entry = panel.getByRole('listitem').filter({ hasText: 'rejected your note on paragraph 22' });
  await expect(entry).toContainText(`Cite the agreement by name ${token}`);
  await expectNoSeriousA11yViolations(researcher.page);
  await entry.getByRole('link', { name: 'Open paragraph 22' }).click();

  await expect(researcher.page).toHaveURL(/\/documents\/[^?]+\?p=22$/);
  await expect(researcher.workspace.row(22)).toBeFocused();
  const note = researcher.workspace.note(22, token);
  await expect(note).toContainText('Rejected');
  await expect(note.getByRole('list', { name: 'Replies and decisions' })).toContainText(`Cite the agreement by name ${token}`);

  await note.getByRole('button', { name: 'Reply', exact: true }).click();
  await note.getByRole('textbox', { name: 'Reply' }).fill(`The 2013 energy agreement, article 4 ${token}`);
  await note.getByRole('button', { name: 'Send reply' }).click();
  await expect(note.getByRole('list', { name: 'Replies and decisions' })).toContainText(`The 2013 energy agreement, article 4 ${token}`);
  const thread = note.getByRole('list', { name: 'Replies and decisions' });
  await expect(thread).toContainText('You');
  // Authors edit and delete their own replies.
  await thread.getByRole('button', { name: 'Edit your reply' }).click();
  await note.getByRole('textbox', { name: 'Edit reply' }).fill(`The 2013 energy agreement, article 5 ${token}`);
  await note.getByRole('button', { name: 'Save reply' }).click();
  await expect(thread).toContainText(`article 5 ${token}`);
  await expect(thread).toContainText('edited');
  await note.getByRole('button', { name: 'Reply', exact: true }).click();
  await note.getByRole('textbox', { name: 'Reply' }).fill(`typo ${token}`);
  await note.getByRole('button', { name: 'Send reply' }).click();
  const typo = thread.getByRole('listitem').filter({ hasText: `typo ${token}` });
  await expect(typo).toBeVisible();
  // Deleting asks in place; "Keep" keeps it.
  await typo.getByRole('button', { name: 'Delete your reply' }).click();
  await typo.getByRole('group', { name: 'Delete this reply?' }).getByRole('button', { name: 'Keep' }).click();
  await expect(typo).toBeVisible();
  await typo.getByRole('button', { name: 'Delete your reply' }).click();
  await typo.getByRole('group', { name: 'Delete this reply?' }).getByRole('button', { name: 'Delete reply' }).click();
  await expect(typo).toHaveCount(0);
  await note.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(note).toContainText('Submitted');

  // A link pasted by hand (#p-N) opens the document at that row too.
  await researcher.page.goto(researcher.page.url().replace(/\?p=22$/, '#p-40'));
  await expect(researcher.workspace.row(40)).toBeFocused();
  await expect(researcher.workspace.row(40)).toBeInViewport();

  // The reviewer hears of the reply, marks that entry read, and the note is back in the queue with it.
  await reviewer.page.reload();
  await reviewer.page.getByRole('button', { name: /^Notifications/ }).click();
  const replied = reviewer.page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'replied to a note on paragraph 22' })
    .first();
  await expect(replied).toContainText('Unread');
  await replied.getByRole('button', { name: 'Mark read' }).click();
  await expect(replied.getByRole('button', { name: 'Mark read' })).toHaveCount(0);
  await expect(replied).not.toContainText('Unread');
  await reviewer.page.keyboard.press('Escape');
  await expect(reviewer.review.item(token)).toBeVisible();

  // My work lists the note as submitted.
  await researcher.page.getByRole('link', { name: 'My work' }).click();
  const submitted = researcher.page.getByRole('region', { name: 'Submitted' });
  await expect(submitted).toContainText(`Which agreement is meant here? ${token}`);
  await expectNoSeriousA11yViolations(researcher.page);
});

test('a reviewer filters the queue, approves several at once, and undoes a decision', async ({ translator, reviewer }) => {
  const token = runToken('bulk');
  // Rows whose Chinese has no number or date, so that no QA error asks before marking or approving them.
  await translator.workspace.open();
  for (const n of [23, 24, 25]) {
    await translator.workspace.replaceTranslation(n, `Row ${n} done ${token}`);
    await markTranslated(translator.workspace, n);
  }
  await translator.workspace.waitUntilSaved();

  await reviewer.library.goto();
  await reviewer.review.open();
  await reviewer.page.getByLabel('Document', { exact: true }).selectOption({ label: DEMO_TITLE });
  await reviewer.page.getByLabel('Kind', { exact: true }).selectOption('translation');
  await reviewer.page.getByLabel('Order', { exact: true }).selectOption('newest');
  await expect(reviewer.page).toHaveURL(/document=[^&]+.*kind=translation.*order=newest/);
  // Only this document's translated rows remain, newest first.
  await expect(reviewer.review.item(token)).toHaveText([/Row 25 done/, /Row 24 done/, /Row 23 done/]);
  await expect(reviewer.review.item('Row 25 done')).toBeVisible();

  // Undo: the decision is taken back and the row returns to the queue.
  await reviewer.review.approve(reviewer.review.item(`Row 25 done ${token}`));
  await reviewer.page.getByRole('button', { name: 'Undo' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: 'Decision undone' })).toBeVisible();
  await expect(reviewer.review.item(`Row 25 done ${token}`)).toBeVisible();

  for (const n of [23, 24, 25]) {
    await reviewer.review.item(`Row ${n} done ${token}`).getByRole('checkbox').check();
  }
  await reviewer.page.getByRole('button', { name: 'Approve selected (3)' }).click();
  const dialog = reviewer.page.getByRole('dialog', { name: 'Approve 3 items?' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(reviewer.page);
  await dialog.getByRole('button', { name: 'Approve 3 items' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: 'Approved 3 items.' })).toBeVisible();
  await expect(reviewer.review.item(token)).toHaveCount(0);
  // A bulk approval is undone as a whole, and can be made again.
  await reviewer.page.getByRole('status').filter({ hasText: 'Approved 3 items.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(reviewer.page.getByRole('status').filter({ hasText: 'Approvals undone: 3 items are back in the queue.' })).toBeVisible();
  await expect(reviewer.review.item(token)).toHaveCount(3);
  for (const n of [23, 24, 25]) {
    await reviewer.review.item(`Row ${n} done ${token}`).getByRole('checkbox').check();
  }
  await reviewer.page.getByRole('button', { name: 'Approve selected (3)' }).click();
  await reviewer.page.getByRole('dialog', { name: 'Approve 3 items?' }).getByRole('button', { name: 'Approve 3 items' }).click();
  await expect(reviewer.review.item(token)).toHaveCount(0);

  // The link on a card opens the document at that row.
  await translator.page.goto('/my-work');
  await expect(translator.page.getByRole('heading', { name: 'My work', level: 1 })).toBeVisible();
  await expect(translator.page.getByRole('main')).not.toContainText(`Row 24 done ${token}`);
});

test('an owner is warned before importing a text twice, and deletes the duplicate with everything on it', async ({ owner }) => {
  const token = runToken('dup');
  const projectName = `Duplicates ${token}`;
  await owner.library.goto();
  // The keyword list folds after eight; "+12" unfolds it and folds it again.
  const keywords = owner.library.documentRow().getByRole('list', { name: /^Keywords of / });
  await expect(keywords.getByRole('listitem')).toHaveCount(9);
  await keywords.getByRole('button', { name: 'Show 12 more keywords' }).click();
  await expect(keywords.getByRole('listitem')).toHaveCount(21);
  await keywords.getByRole('button', { name: 'Show fewer keywords' }).click();
  await expect(keywords.getByRole('listitem')).toHaveCount(9);

  await owner.page.getByRole('textbox', { name: 'Project name' }).fill(projectName);
  await owner.page.getByRole('button', { name: 'Create project' }).click();
  const project = owner.library.project(projectName);
  await expect(project.getByText('No documents in this project yet.')).toBeVisible();

  const importOnce = async (title: string, anyway: boolean) => {
    await project.getByRole('link', { name: 'Import document' }).click();
    await owner.page.getByLabel('Choose files').setInputFiles({ name: 'export.txt', mimeType: 'text/plain', buffer: Buffer.from(SHORT_EXPORT) });
    const card = owner.page.getByRole('region', { name: 'export.txt' });
    await card.getByLabel('Title').fill(title);
    if (anyway) {
      const warning = card.getByRole('alert').filter({ hasText: 'Already in this project' });
      await expect(warning).toContainText(`This text was already imported as “${token} first” on `);
      await expectNoSeriousA11yViolations(owner.page);
      await warning.getByRole('button', { name: 'Import anyway' }).click();
    } else {
      await card.getByRole('button', { name: 'Import', exact: true }).click();
    }
    await expect(card.getByRole('status')).toContainText(`Imported ${title}`);
    await owner.library.goto();
  };
  await importOnce(`${token} first`, false);
  await importOnce(`${token} second`, true);
  await expect(project.getByRole('link', { name: `${token} second` })).toBeVisible();

  await project.getByRole('button', { name: `Delete document ${token} second` }).click();
  const dialog = owner.page.getByRole('dialog', { name: `Delete “${token} second”?` });
  await expect(dialog).toContainText('its 10 paragraphs');
  await expect(dialog).toContainText('This cannot be undone.');
  await expectNoSeriousA11yViolations(owner.page);
  await dialog.getByRole('button', { name: 'Delete document' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(project.getByRole('link', { name: `${token} second` })).toHaveCount(0);
  await expect(project.getByRole('link', { name: `${token} first` })).toBeVisible();

  // Renaming the project and the document that stays.
  await project.getByRole('button', { name: `Rename document ${token} first` }).click();
  await owner.page.getByLabel('Document title').fill(`${token} kept`);
  await owner.page.getByRole('button', { name: 'Save title' }).click();
  await expect(project.getByRole('link', { name: `${token} kept` })).toBeVisible();
  await project.getByRole('button', { name: `Rename project ${projectName}` }).click();
  await owner.page.getByLabel(`New name for ${projectName}`).fill(`${projectName} (final)`);
  await owner.page.getByRole('button', { name: 'Save name' }).click();
  await expect(owner.library.project(`${projectName} (final)`)).toBeVisible();
});
