// The review workflow across three people: a researcher's note is rejected with a comment, edited,
// resubmitted and approved; a translated row is approved; nobody decides on their own work.
// Notes and texts carry a token unique to the run, so earlier runs on the same database do not interfere.
import { test, expect, expectNoSeriousA11yViolations, runToken } from './fixtures.ts';

test('a note on a selected phrase goes through rejection, resubmission and approval', async ({ researcher, reviewer }) => {
  const token = runToken('note');
  const phrase = '密切交往';
  const first = `Close exchanges between the leaders ${token}`;
  const revised = `Close and regular exchanges between the two heads of state ${token}`;
  const note = () => researcher.workspace.note(5, token);

  await test.step('the researcher selects a phrase in paragraph 5 and submits a note on it', async () => {
    await researcher.workspace.open();
    await researcher.workspace.selectSourcePhrase(5, phrase);
    await researcher.workspace.row(5).getByRole('button', { name: 'Add note to selection' }).click();
    await expect(researcher.workspace.row(5).getByRole('form', { name: 'New note on paragraph 5' })).toContainText(phrase);
    await researcher.workspace.writeNote(5, first, { kind: 'Term', tags: 'leaders, exchanges' });
    await expect(note()).toContainText('Submitted');
    await expect(note()).toContainText('Term');
    await expect(note()).toContainText(phrase);
    await expect(researcher.workspace.row(5).locator('mark', { hasText: phrase }).first()).toBeVisible();
  });

  await test.step('the reviewer must comment to reject, then rejects', async () => {
    await reviewer.library.goto();
    await reviewer.review.open();
    const item = reviewer.review.item(token);
    await expect(item).toContainText(phrase);
    await expect(item).toContainText('双方将保持两国领导人之间的密切交往');
    await item.getByRole('button', { name: 'Reject' }).click();
    await expect(item.getByRole('alert')).toHaveText('Write a comment to explain the rejection.');
    await reviewer.review.reject(item, `Name the treaty mechanism ${token}`);
  });

  await test.step('the researcher sees the outcome, edits and resubmits', async () => {
    await researcher.page.reload();
    await researcher.workspace.goTo(5);
    await expect(note()).toContainText('Rejected');
    await expect(note()).toContainText(`Name the treaty mechanism ${token}`);
    await note().getByRole('button', { name: 'Edit' }).click();
    await researcher.workspace.writeNote(5, revised);
    await expect(note()).toContainText('Submitted');
    await expect(note()).toContainText('regular exchanges');
  });

  await test.step('the reviewer approves the revised note', async () => {
    await reviewer.page.reload();
    const item = reviewer.review.item(token);
    await expect(item).toContainText('regular exchanges');
    await reviewer.review.approve(item);
  });

  await test.step('after a reload the researcher finds it approved, also filtered by status Approved and by author Me', async () => {
    await researcher.page.reload();
    await researcher.workspace.goTo(5);
    await expect(note()).toContainText('Approved');
    await researcher.workspace.filterNotes({ status: 'Approved' });
    await expect(note()).toBeVisible();
    await researcher.workspace.filterNotes({ status: 'Any', author: 'Me' });
    await expect(note()).toBeVisible();
  });
});

test('a translated row is approved by the reviewer and shows as approved', async ({ translator, reviewer }) => {
  const text = `The two sides will maintain close exchanges ${runToken('p12')}`;
  await translator.workspace.open();
  await translator.workspace.replaceTranslation(12, text);
  await translator.workspace.row(12).getByRole('button', { name: 'Mark translated' }).click();
  await translator.workspace.waitUntilSaved();

  await reviewer.library.goto();
  await reviewer.review.open();
  const item = reviewer.review.item(text);
  await expect(item.getByRole('article')).toHaveCount(0);
  await reviewer.review.approve(item);

  await translator.page.reload();
  await translator.workspace.goTo(12);
  await expect(translator.workspace.row(12).getByText('Approved', { exact: true })).toBeVisible();
});

test('reviewers see no Approve or Reject on their own notes', async ({ reviewer }) => {
  const token = runToken('own');
  await reviewer.workspace.open();
  await reviewer.workspace.goTo(6);
  await reviewer.workspace.row(6).getByRole('button', { name: 'Add note to paragraph 6' }).click();
  await reviewer.workspace.writeNote(6, `A reviewer's own question ${token}`, { kind: 'Question' });
  await expect(reviewer.workspace.note(6, token)).toContainText('Submitted');

  await reviewer.review.open();
  const item = reviewer.review.item(token);
  await expect(item).toContainText('This is your own work');
  await expect(item.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Reject' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(reviewer.page);

  // Clean up: the author deletes the note.
  await reviewer.workspace.open();
  await reviewer.workspace.goTo(6);
  const note = reviewer.workspace.note(6, token);
  await note.getByRole('button', { name: 'Delete' }).click();
  await note.getByRole('button', { name: 'Delete this note' }).click();
  await expect(note).toHaveCount(0);
});

test('"Approve selected" warns about QA errors in the selection, goes to one, and approves anyway; a word of the Chinese is looked up', async ({ translator, reviewer }) => {
  const token = runToken('bulkqa');
  const { workspace } = translator;
  await workspace.open();
  // Paragraph 34's Chinese holds a year (2014年) that this English leaves out: a QA error. Paragraph 35's year is kept.
  await workspace.replaceTranslation(35, `In 2017 the two sides will hold a Year of Chinese Tourism in Kazakhstan ${token}`);
  await workspace.row(35).getByRole('button', { name: 'Mark translated' }).click();
  await expect(workspace.row(35).getByText('Translated', { exact: true })).toBeVisible();
  await workspace.replaceTranslation(34, `The two sides agreed to strengthen cultural cooperation ${token}`);
  await workspace.row(34).getByRole('button', { name: 'Mark translated' }).click();
  await workspace.row(34).getByRole('button', { name: 'Mark translated anyway' }).click();
  await expect(workspace.row(34).getByText('Translated', { exact: true })).toBeVisible();
  await workspace.waitUntilSaved();

  const { page, review } = reviewer;
  await reviewer.library.goto();
  await review.open();
  const withError = review.item(`cultural cooperation ${token}`);
  const clean = review.item(`Kazakhstan ${token}`);
  // "Look up" works on the queue's Chinese too.
  await clean.getByText('商定', { exact: false }).first().evaluate((element) => {
    const node = element.firstChild!;
    const at = node.textContent!.indexOf('商定');
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 2);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await clean.getByRole('button', { name: 'Look up 商定 in the dictionary' }).click();
  const dictionary = page.getByRole('dialog', { name: 'Dictionary: 商定' });
  await expect(dictionary).toContainText('agree');
  await expect(dictionary.getByRole('link', { name: 'CC BY-SA 4.0' })).toBeVisible();
  await dictionary.getByRole('button', { name: 'Close' }).click();

  await withError.getByRole('checkbox').check();
  await clean.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Approve selected (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve 2 items?' });
  const warning = dialog.getByRole('alert');
  await expect(warning).toContainText('1 selected translation has QA errors that nobody ignored.');
  await expect(warning).toContainText('The date 2014年 is missing from the English.');
  await expectNoSeriousA11yViolations(page);

  // Going to the row closes the dialog and lands on its card, selection kept.
  await warning.getByRole('button', { name: /^Go to paragraph 34 of .+: 1 QA error$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(withError).toBeFocused();

  // Approving anyway approves both; nothing is blocked.
  await page.getByRole('button', { name: 'Approve selected (2)' }).click();
  await dialog.getByRole('button', { name: 'Approve 2 items anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved 2 items.' })).toBeVisible();
  await expect(review.item(token)).toHaveCount(0);
});
