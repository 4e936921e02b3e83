import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { migrate } from '../../../../main/core/db/migrate';
import { ContactsRepo } from '../../../../main/core/db/repos/contacts-repo';
import migration from '../../../../main/core/db/migrations/0010-contact-language';
import { tempDir } from '../../../helpers/test-app';

describe('migration contact-language', () => {
  const db = openDatabase(join(tempDir(), 'x.sqlite'));
  migrate(db, { to: migration.version - 1 });
  const add = db.prepare('INSERT INTO contacts(id, name, language, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
  add.run(1, 'Set by the owner before', 'ru');
  add.run(2, 'Never set', null);
  migrate(db, { to: migration.version });
  const repo = new ContactsRepo(db);

  it('keeps languages set before as the owner’s choice, and leaves the rest to detection', () => {
    expect(repo.get(1)).toMatchObject({ language: 'ru', languageByOwner: true });
    expect(repo.get(2)).toMatchObject({ language: null, languageByOwner: false });
  });

  it('lets detection write only where the owner chose nothing', () => {
    expect(repo.setDetectedLanguage(1, 'uk', 5)).toBe(false);
    expect(repo.setDetectedLanguage(2, 'es', 5)).toBe(true);
    expect(repo.setDetectedLanguage(2, 'es', 6)).toBe(false);
    expect(repo.get(2)).toMatchObject({ language: 'es', languageByOwner: false });
    repo.update(2, { language: 'pt' }, 7);
    expect(repo.get(2)).toMatchObject({ language: 'pt', languageByOwner: true });
    repo.update(2, { language: null }, 8);
    expect(repo.get(2)).toMatchObject({ language: null, languageByOwner: false });
  });
});
