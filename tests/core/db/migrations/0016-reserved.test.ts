import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../../main/core/db/connection';
import { currentVersion, migrate } from '../../../../main/core/db/migrate';
import reserved from '../../../../main/core/db/migrations/0016-reserved';
import { tempDir } from '../../../helpers/test-app';

describe('migration reserved-16 (placeholder until the parallel branch lands)', () => {
  it('changes nothing but the version', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'));
    migrate(db, { to: reserved.version - 1 });
    const schema = () => db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    migrate(db, { to: reserved.version });
    expect(currentVersion(db)).toBe(16);
    expect(schema()).toEqual(before);
  });
});
